import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {ColorContext} from '../../source/ui/components/color.js';
import {heapView} from '../../source/ui/components/heap-grid.js';
import {HeapPane} from '../../source/ui/panes/heap-map.js';
import {heapSlice} from '../../source/ui/store/heap-slice.js';
import {renderSized} from '../helpers/render-ink.js';
import {scriptedSimulation} from '../helpers/scripted-source.js';

afterEach(() => cleanup());

/** 4 KiB heap in 64 cells of 64 B: blocks at 0..64 and 96..224 (a hole at 64..96); the rest free. */
function knownHeap() {
	const sim = scriptedSimulation(
		[
			['a', 1, 64, 'a.site'],
			['a', 2, 32, 'b.site'],
			['a', 3, 128, 'a.site'],
			['f', 2],
		],
		{capacity: 4096, strategy: 'first-fit'},
		{mapCells: 64},
	);
	sim.stepSync(10);
	return sim;
}

function pane(sim: ReturnType<typeof knownHeap>, width: number, height: number, color = false) {
	return (
		<ColorContext.Provider value={color}>
			<HeapPane slice={heapSlice(sim, 0)} width={width} height={height} focused={false} />
		</ColorContext.Provider>
	);
}

describe('Heap pane', () => {
	it('draws each cell shaded by how full it is, and the largest free block marked', async () => {
		const sim = knownHeap();
		const view = await renderSized(pane(sim, 34, 6), 34, 10);
		const lines = view.lines();
		expect(lines[0]).toBe(`╭─ Heap ${'─'.repeat(25)}╮`);
		expect(lines[1]).toBe('│live 192 B (2 blocks) · free 3.…│');
		expect(lines[2]).toBe(`│█▄█▄${'░'.repeat(28)}│`);
		expect(lines[3]).toBe(`│${'░'.repeat(32)}│`);
		expect(lines[5]).toBe(`╰${'─'.repeat(32)}╯`);
	});

	it('shows a legend with the bytes per character and the largest free block', async () => {
		const sim = knownHeap();
		const view = await renderSized(pane(sim, 100, 12), 100, 14);
		const screen = view.screen();
		expect(screen).toContain('█ used ▓ leaked ▒ moved · free ░ largest 3.8 KiB @224 B');
		expect(screen).toContain('64 B/char · 0 B–4.0 KiB of 4.0 KiB');
		expect(screen).toContain('live 192 B (2 blocks) · free 3.8 KiB (2) · frag 0.8%');
	});

	it('marks leaked and moved cells with their own glyphs when colour is off', async () => {
		const sim = knownHeap();
		const h = sim.ids.get(3);
		sim.heap.setLeaked(h, true);
		sim.heap.map.addMoved(0, 64);
		const view = await renderSized(pane(sim, 34, 6), 34, 10);
		expect(view.lines()[2]).toBe(`│▒▓▓▓${'░'.repeat(28)}│`);
	});

	it('colours cells by state when colour is on', async () => {
		const sim = knownHeap();
		sim.heap.setLeaked(sim.ids.get(3), true);
		const view = await renderSized(pane(sim, 34, 6, true), 34, 10);
		const row = view.lastFrame().split('\n')[2]!;
		// used in green, the leaked block's three cells in red, the largest free block in grey
		expect(row).toContain('\u001B[32m█\u001B[31m▄█▄\u001B[90m░░');
	});

	it('pages through an address space larger than the grid', () => {
		const sim = knownHeap();
		const slice = heapSlice(sim, 1);
		const view = heapView(slice, 8, 2, false);
		expect(view.pages).toBe(4);
		expect(view.page).toBe(1);
		expect(view.from).toBe(1024);
		expect(view.rows.map(row => row.map(s => s.text).join(''))).toEqual(['░'.repeat(8), '░'.repeat(8)]);
	});

	it('keeps the slice when the engine map has not changed, so the pane skips the frame', () => {
		const sim = knownHeap();
		const first = heapSlice(sim, 0);
		expect(heapSlice(sim, 0, first)).toBe(first);
		sim.heap.map.addMoved(0, 8);
		expect(heapSlice(sim, 0, first)).not.toBe(first);
	});
});
