import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {layoutFor} from '../../source/ui/layouts/geometry.js';
import {renderDashboard, workloadSimulation} from '../helpers/dashboard.js';

afterEach(() => cleanup());

const titles = ['Heap', 'GC', 'Leaks', 'Sites', 'Trends', 'Events', 'Host'];
const hasTitle = (screen: string, title: string) => new RegExp(`[─━] ${title} [─━]`).test(screen);

describe('layout', () => {
	it('shows all seven panes, a header and a footer from 120x36, in rows-1 lines', async () => {
		const d = await renderDashboard(workloadSimulation(), 120, 36);
		await d.frame();
		const lines = d.lines();
		for (const title of titles) expect(hasTitle(d.screen(), title), title).toBe(true);
		expect(lines).toHaveLength(35);
		expect(lines[0]).toMatch(/^memsim leaky/);
		expect(lines[34]).toMatch(/^space pause/);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
	});

	it('uses every line of a 200x60 terminal but the last', async () => {
		const d = await renderDashboard(workloadSimulation(), 200, 60);
		await d.frame();
		expect(d.lines()).toHaveLength(59);
		for (const title of titles) expect(hasTitle(d.screen(), title), title).toBe(true);
	});

	it('falls back to Heap, Leaks and GC below 120x36, down to 80x24', async () => {
		for (const [columns, rows] of [
			[80, 24],
			[119, 40],
			[120, 35],
		] as const) {
			const d = await renderDashboard(workloadSimulation(), columns, rows);
			await d.frame();
			const screen = d.screen();
			for (const title of ['Heap', 'Leaks', 'GC']) expect(hasTitle(screen, title), `${title} at ${columns}x${rows}`).toBe(true);
			for (const title of ['Sites', 'Trends', 'Events', 'Host']) expect(hasTitle(screen, title), `${title} at ${columns}x${rows}`).toBe(false);
			expect(d.lines()).toHaveLength(rows - 1);
			expect(d.lines()[0]).toContain('running');
			expect(d.lines()[rows - 2]).toMatch(/^space pause/);
			cleanup();
		}
	});

	it('says the terminal is too small below 80x24, and recovers when resized', async () => {
		const d = await renderDashboard(workloadSimulation(), 79, 30);
		await d.frame();
		expect(d.screen()).toBe('terminal too small (need 80x24, have 79x30)');
		await d.resize(100, 23);
		expect(d.screen()).toBe('terminal too small (need 80x24, have 100x23)');
		await d.resize(120, 40);
		await d.frame();
		for (const title of titles) expect(hasTitle(d.screen(), title), title).toBe(true);
	});

	it('re-lays out on resize: full to compact and back', async () => {
		const d = await renderDashboard(workloadSimulation(), 120, 40);
		await d.frame();
		expect(hasTitle(d.screen(), 'Sites')).toBe(true);
		await d.resize(80, 24);
		expect(hasTitle(d.screen(), 'Sites')).toBe(false);
		expect(d.lines()).toHaveLength(23);
		await d.resize(130, 45);
		expect(hasTitle(d.screen(), 'Sites')).toBe(true);
		expect(d.lines()).toHaveLength(44);
	});

	it('gives the panes of each layout exactly the body', () => {
		for (const [columns, rows] of [
			[120, 36],
			[120, 40],
			[200, 60],
			[160, 50],
		] as const) {
			const layout = layoutFor(columns, rows);
			const r = layout.rects;
			expect(layout.kind).toBe('full');
			expect(r.heap!.height + r.trends!.height + r.events!.height).toBe(layout.body.height);
			expect(r.gc!.height + r.leaks!.height + r.sites!.height + r.host!.height).toBe(layout.body.height);
			expect(r.heap!.width + r.gc!.width).toBe(columns);
			expect(r.events!.width + r.host!.width).toBe(columns);
		}
		const compact = layoutFor(80, 24);
		expect(compact.kind).toBe('compact');
		expect(compact.rects.heap!.height + compact.rects.leaks!.height).toBe(compact.body.height);
		expect(compact.rects.leaks!.width + compact.rects.gc!.width).toBe(80);
		expect(layoutFor(79, 24).kind).toBe('too-small');
	});

	it('draws no colour at all when colour is off', async () => {
		const d = await renderDashboard(workloadSimulation(), 120, 40, false);
		await d.frame();
		// eslint-disable-next-line no-control-regex
		expect(d.lastFrame()).not.toMatch(/\u001B\[(3[0-9]|9[0-7]|4[0-9])m/);
	});

	it('draws colour when colour is on', async () => {
		const d = await renderDashboard(workloadSimulation(), 120, 40, true);
		await d.frame();
		expect(d.lastFrame()).toContain('\u001B[32m');
	});
});
