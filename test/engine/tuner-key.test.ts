import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {renderDashboard, workloadSimulation} from '../helpers/dashboard.js';

afterEach(() => cleanup());

const eventsPane = (screen: string) => screen.slice(screen.search(/[─━] Events /));

describe('dashboard key u', () => {
	it('cycles the tuner off -> rules -> bandit -> off through the change path, shown in Events', async () => {
		const d = await renderDashboard(workloadSimulation('fragmenter'));
		await d.frame();
		await d.press('u');
		await d.frame();
		expect(d.sim.tuner.mode).toBe('rules');
		expect(eventsPane(d.screen())).toContain('tuner off -> rules');
		await d.press('u', 'u');
		await d.frame();
		expect(d.sim.tuner.mode).toBe('off');
		expect(eventsPane(d.screen())).toContain('tuner bandit -> off');
	});

	it("puts the tuner's decisions in Events, naming the tuner and its reason", async () => {
		// The fragmenter frees its large blocks among small ones: holes the heap grows past.
		const d = await renderDashboard(workloadSimulation('fragmenter', 200_000, {capacity: 'grow'}));
		await d.press('u');
		for (let i = 0; i < 200 && d.sim.tuner.decisionCount === 0; i++) await d.frame();
		expect(d.sim.tuner.decisions[0]).toMatchObject({action: 'compact'});
		await d.frame();
		expect(eventsPane(d.screen())).toContain('(tuner rules: heap grew');
	});
});
