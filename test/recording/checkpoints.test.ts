import {describe, expect, it} from 'vitest';
import {parseChange, type ScheduledChange} from '../../source/engine/changes.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {generators} from '../../source/workloads/generators/registry.js';
import {captureCheckpoint, restoreCheckpoint, trackStrategyState} from '../../source/recording/engine-checkpoint.js';
import {advanceTo} from '../../source/recording/replay.js';
import {captureState, restoreState} from '../../source/recording/state-snapshot.js';
import {withoutTimings} from '../../source/recording/summary-compare.js';

describe('captureState / restoreState', {timeout: 120_000}, () => {
	it('puts fields, arrays, maps, sets and typed arrays back in place, as often as asked', () => {
		class Box {
			count = 1;
			list = [1, 2];
			map = new Map([['a', 1]]);
			set = new Set([1]);
			table = new Int32Array(8192).fill(-1);
			dense = new Float64Array(16);
			child = {name: 'x'};
		}
		const box = new Box();
		box.table[5] = 7;
		const {child, table} = box;
		const snapshot = captureState(box);
		for (let round = 0; round < 2; round++) {
			box.count = 9;
			box.list.push(3);
			box.map.set('b', 2);
			box.set.clear();
			box.table.fill(3);
			box.dense[0] = 4;
			box.child.name = 'y';
			box.child = {name: 'z'};
			(box as unknown as Record<string, unknown>)['added'] = true;
			restoreState(snapshot);
			expect(box.count).toBe(1);
			expect(box.list).toEqual([1, 2]);
			expect([...box.map]).toEqual([['a', 1]]);
			expect([...box.set]).toEqual([1]);
			expect(box.table).toBe(table);
			expect(box.table[5]).toBe(7);
			expect(box.table[6]).toBe(-1);
			expect(box.dense[0]).toBe(0);
			expect(box.child).toBe(child);
			expect(child.name).toBe('x');
			expect('added' in box).toBe(false);
		}
	});

	it('copies a mostly-uniform table sparsely', () => {
		const table = new Int32Array(1 << 20).fill(-1);
		table[12] = 3;
		expect(captureState({table}).bytes).toBeLessThan(100);
	});
});

const summaryOf = (sim: Simulation) => JSON.stringify(withoutTimings(sim.summary()));

function simulation(workload: string, params: Partial<SimulationParams>, changes: ScheduledChange[], events: number): Simulation {
	const generator = generators.find((g) => g.name === workload)!;
	// A small starting table, so the runs below outgrow it and checkpoints must survive the growth.
	const sim = new Simulation(generator.create({seed: 5, events}), {params: {...defaultParams, ...params}, changes, initialBlocks: 4096});
	trackStrategyState(sim);
	return sim;
}

describe('engine checkpoints', {timeout: 120_000}, () => {
	// A checkpoint at t1, a run past t2 and back: the run from the checkpoint to t2 must be the straight run's.
	const cases: Array<[string, Partial<SimulationParams>, string[]]> = [
		['uniform', {strategy: 'tlsf'}, ['15000:strategy=best-fit']],
		['fragmenter', {strategy: 'next-fit'}, []],
		['tree-churn', {strategy: 'segregated', capacity: 1 << 20}, ['5000:gc=mark-sweep', '5000:gc-trigger=30', '15000:strategy=first-fit']],
		['lost-buffers', {strategy: 'buddy', capacity: 1 << 20}, ['12000:collect']],
		['cache-eviction', {strategy: 'worst-fit', capacity: 2 << 20}, ['5000:gc=mark-compact', '5000:gc-trigger=40']],
		['task-leak', {strategy: 'tlsf'}, ['15000:repair-now']],
		['flink-batch-sort', {strategy: 'tlsf'}, []],
	];
	for (const [workload, params, changes] of cases) {
		it(`${workload} over ${params.strategy} replays the same from a restored checkpoint`, async () => {
			const scheduled = changes.map(parseChange);
			const straight = simulation(workload, params, scheduled, 60_000);
			await advanceTo(straight, 30_000);
			const expected = summaryOf(straight);

			const sim = simulation(workload, params, scheduled, 60_000);
			await advanceTo(sim, 10_000);
			const checkpoint = captureCheckpoint(sim);
			await advanceTo(sim, 45_000);
			restoreCheckpoint(sim, checkpoint, sim.blocks.capacity);
			expect(sim.eventNumber).toBe(10_000);
			await advanceTo(sim, 30_000);
			expect(summaryOf(sim)).toBe(expected);
		});
	}

	it('restores a checkpoint taken before the block table grew, and replays the same after it', async () => {
		const straight = simulation('leaky', {strategy: 'tlsf'}, [], 500_000);
		await advanceTo(straight, 300_000);
		const expected = summaryOf(straight);
		const sim = simulation('leaky', {strategy: 'tlsf'}, [], 500_000);
		await advanceTo(sim, 50_000);
		const before = sim.blocks.capacity;
		const checkpoint = captureCheckpoint(sim);
		await advanceTo(sim, 450_000);
		expect(sim.blocks.capacity).toBeGreaterThan(before);
		restoreCheckpoint(sim, checkpoint, sim.blocks.capacity);
		await advanceTo(sim, 300_000);
		expect(summaryOf(sim)).toBe(expected);
	}, 60_000);
});
