import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {flinkSimulation, renderDashboard, workloadSimulation} from '../helpers/dashboard.js';
import {keys} from '../helpers/render-ink.js';

afterEach(() => cleanup());


const hasTitle = (screen: string, title: string) => new RegExp(`[─━] ${title} `).test(screen);

describe('the Flink pane in the dashboard', () => {
	it('replaces Trends in a --flink run; f switches to Trends and back', async () => {
		const d = await renderDashboard(flinkSimulation());
		await d.frame();
		expect(hasTitle(d.screen(), 'Flink')).toBe(true);
		expect(hasTitle(d.screen(), 'Trends')).toBe(false);
		expect(d.screen()).toMatch(/managed +[█░]+ +\d+\.\d%/);
		await d.press('f');
		await d.frame();
		expect(hasTitle(d.screen(), 'Trends')).toBe(true);
		expect(hasTitle(d.screen(), 'Flink')).toBe(false);
		await d.press('f');
		await d.frame();
		expect(hasTitle(d.screen(), 'Flink')).toBe(true);
		expect(hasTitle(d.screen(), 'Trends')).toBe(false);
	});

	it('focuses Flink in Trends’ place, and the focus follows the toggle', async () => {
		const d = await renderDashboard(flinkSimulation());
		await d.frame();
		for (let i = 0; i < 4; i++) await d.press(keys.tab);
		expect(d.store.viewState.focus).toBe('flink');
		await d.press('f');
		expect(d.store.viewState.focus).toBe('trends');
		await d.press('f');
		expect(d.store.viewState.focus).toBe('flink');
	});

	it('leaves a run without --flink alone', async () => {
		const d = await renderDashboard(workloadSimulation());
		await d.frame();
		await d.press('f');
		await d.frame();
		expect(hasTitle(d.screen(), 'Trends')).toBe(true);
		expect(hasTitle(d.screen(), 'Flink')).toBe(false);
		expect(d.store.getSnapshot().flink).toBeUndefined();
	});
});
