import {describe, expect, it} from 'vitest';
import {BlockFlag} from '../../source/engine/blocks.js';
import {dumpHeap} from '../../source/engine/dump-heap.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {ScriptSource} from './gc-workload.js';

/** A root, a reachable chain, and a garbage cycle (3 <-> 5) in between. */
const smallGraph = `a 1 64 root.site task.a
root 1
a 2 32 node
ref 1 2
a 3 100 garbage
a 4 16 node task.b
ref 2 4
a 5 40 garbage
ref 5 3
ref 3 5`;

/** A fake clock that advances 2 ms every time it is read. */
function ticking(): () => number {
	let t = 0;
	return () => (t += 2);
}

function start(script: string, params: Partial<SimulationParams>, now?: () => number): Simulation {
	const sim = new Simulation(new ScriptSource(script), {params: {...defaultParams, capacity: 4096, strategy: 'best-fit', ...params}, now});
	while (!sim.finished) sim.stepSync(1000);
	return sim;
}

function addressOf(sim: Simulation, id: number): number {
	return sim.blocks.addr[sim.ids.get(id)]!;
}

/** Every block's identity and the edges between them, by workload id: what a moving collector must keep. */
function identity(sim: Simulation): {blocks: unknown[]; edges: string[]} {
	const graph = sim.reclamation.graph;
	const edges: string[] = [];
	for (let h = 0; h < sim.blocks.handleLimit; h++) {
		if (!graph.isProgramBlock(h)) continue;
		const from = graph.outSpan[2 * h]!;
		for (let i = from; i < from + graph.outDegree(h); i++) edges.push(`${sim.blocks.extId[h]}->${sim.blocks.extId[graph.pool.to[i]!]}`);
	}
	const blocks = dumpHeap(sim)
		.map(line => JSON.parse(line) as {addr?: number; id: number})
		.map(({addr: _addr, ...rest}) => rest)
		.sort((x, y) => x.id - y.id);
	return {blocks, edges: edges.sort()};
}

describe('mark-sweep', () => {
	it('reclaims exactly the unreachable blocks, cycles included, and moves nothing', () => {
		const sim = start(smallGraph, {collector: 'mark-sweep', gcCostMark: 1000, gcCostSweep: 100, gcCostMove: 1}, ticking());
		sim.apply({key: 'collect'});
		expect([1, 2, 3, 4, 5].map(id => sim.ids.get(id) >= 0)).toEqual([true, true, false, true, false]);
		expect([addressOf(sim, 1), addressOf(sim, 2), addressOf(sim, 4)]).toEqual([0, 64, 200]);
		expect(sim.gcStats.recent).toEqual([
			{
				event: 10,
				kind: 'major',
				collector: 'mark-sweep',
				beforeLiveBytes: 252,
				afterLiveBytes: 112,
				reclaimedBytes: 140,
				reclaimedBlocks: 2,
				movedBytes: 0,
				markedObjects: 3,
				// 3 marked at 1000 ns and 5 swept at 100 ns.
				pauseModeledMs: 0.0035,
				wallMs: 2,
			},
		]);
	});

	it('leaves the freed blocks where they were: fragmentation stays', () => {
		const sim = start(smallGraph, {collector: 'mark-sweep'});
		sim.apply({key: 'collect'});
		expect(sim.heap.freeBlocks).toBe(2);
		expect(sim.heap.largestFree()).toBe(4096 - 216);
	});
});

describe('heap dump', () => {
	it('writes one live block a line, in address order, with id, address, size, site and owner', () => {
		const sim = start(smallGraph, {collector: 'mark-compact'});
		sim.apply({key: 'collect'});
		expect(dumpHeap(sim)).toEqual([
			'{"id":1,"addr":0,"size":64,"site":"root.site","owner":"task.a"}',
			'{"id":2,"addr":64,"size":32,"site":"node","owner":""}',
			'{"id":4,"addr":96,"size":16,"site":"node","owner":"task.b"}',
		]);
	});
});

describe('mark-compact', () => {
	it('slides the survivors down so all free space is one block at the top', () => {
		const sim = start(smallGraph, {collector: 'mark-compact'});
		sim.apply({key: 'collect'});
		expect([addressOf(sim, 1), addressOf(sim, 2), addressOf(sim, 4)]).toEqual([0, 64, 96]);
		expect(sim.heap.freeBlocks).toBe(1);
		expect(sim.heap.largestFree()).toBe(4096 - 112);
		expect(sim.gcStats.movedBytes).toBe(16);
		expect(checkHeapInvariants(sim.heap)).toBeUndefined();
	});

	it('flags the moved blocks and their map cells, and clears them at the next cycle', () => {
		const sim = start(smallGraph, {collector: 'mark-compact'});
		sim.apply({key: 'collect'});
		const moved = [1, 2, 4].filter(id => (sim.blocks.flags[sim.ids.get(id)]! & BlockFlag.moved) !== 0);
		expect(moved).toEqual([4]);
		expect(sim.heap.map.moved.reduce((sum, bytes) => sum + bytes, 0)).toBe(16);
		sim.apply({key: 'collect'});
		expect(sim.heap.map.moved.reduce((sum, bytes) => sum + bytes, 0)).toBe(0);
		expect((sim.blocks.flags[sim.ids.get(4)]! & BlockFlag.moved) !== 0).toBe(false);
	});
});

describe('moving collectors', () => {
	for (const collector of ['mark-compact', 'copying', 'generational']) {
		it(`${collector} changes addresses and nothing else: ids, sizes, sites, owners and edges survive`, () => {
			const sim = start(`${smallGraph}\na 6 24 late\nref 4 6\nref 6 1`, {collector, capacity: 8192});
			const before = identity(sim);
			sim.apply({key: 'collect'});
			const after = identity(sim);
			const survivors = before.blocks.filter(block => [1, 2, 4, 6].includes((block as {id: number}).id));
			expect(after.blocks).toEqual(survivors);
			expect(after.edges).toEqual(['1->2', '2->4', '4->6', '6->1']);
			expect(checkHeapInvariants(sim.heap)).toBeUndefined();
		});
	}
});

describe('copying', () => {
	it('holds half the heap back, so usable capacity is half', () => {
		const sim = start('', {collector: 'copying'});
		expect(sim.heap.reservedBytes).toBe(2048);
		expect(sim.reclamation.driver.collector.usableBytes()).toBe(2048);
	});

	it('copies the survivors to the other half and flips', () => {
		const sim = start(smallGraph, {collector: 'copying'});
		sim.apply({key: 'collect'});
		expect([addressOf(sim, 1), addressOf(sim, 2), addressOf(sim, 4)].sort((a, b) => a - b)).toEqual([2048, 2112, 2144]);
		expect(sim.gcStats.movedBytes).toBe(112);
		expect(sim.heap.reservedBytes).toBe(2048);
		sim.apply({key: 'collect'});
		expect(Math.max(addressOf(sim, 1), addressOf(sim, 2), addressOf(sim, 4))).toBeLessThan(2048);
	});

	it('holds the block allocated by the previous event through a collection its neighbour starts', () => {
		const sim = start('a 1 1200\na 2 1000', {collector: 'copying'});
		expect(sim.ids.get(1)).toBeGreaterThanOrEqual(0);
		expect(sim.summary().failures).toBe(1);
	});

	it('fails an allocation that only the held-back half could satisfy', () => {
		const sim = start('a 1 1200\nroot 1\na 2 1000', {collector: 'copying'});
		expect(sim.summary().failures).toBe(1);
		expect(sim.gcStats.cycles).toBe(1);
	});

	it('collects on allocation failure and retries once', () => {
		// The tick keeps block 1 from counting as just allocated (a block still in a register is held).
		const sim = start('a 1 1200\ntick 1\na 2 1000', {collector: 'copying'});
		expect(sim.summary().failures).toBe(0);
		expect(sim.gcStats.recent.map(r => r.reclaimedBlocks)).toEqual([1]);
	});
});

describe('generational', () => {
	const params = {collector: 'generational', capacity: 8192, nurseryBytes: 1024, promoteAfter: 2};
	const oldLimit = 8192 - 1024;
	const minor = (sim: Simulation): void => void sim.reclamation.driver.collect(false);

	function begin(script: string, events: number): Simulation {
		const sim = new Simulation(new ScriptSource(script), {params: {...defaultParams, strategy: 'best-fit', ...params}});
		stepTo(sim, events);
		return sim;
	}

	it('allocates in the nursery and promotes a block after it survives promoteAfter minor cycles', () => {
		const sim = begin('a 1 64\nroot 1', 2);
		expect(addressOf(sim, 1)).toBeGreaterThanOrEqual(oldLimit);
		minor(sim);
		expect(addressOf(sim, 1)).toBeGreaterThanOrEqual(oldLimit);
		minor(sim);
		expect(addressOf(sim, 1)).toBe(0);
		expect([sim.gcStats.minorCycles, sim.gcStats.majorCycles]).toEqual([2, 0]);
	});

	it('keeps a young block that only an old block references, through the remembered set', () => {
		const sim = begin('a 1 64\nroot 1\na 2 32\nref 1 2\na 3 32\nunref 1 2', 2);
		minor(sim);
		minor(sim);
		stepTo(sim, 5);
		minor(sim);
		expect(sim.ids.get(2)).toBeGreaterThanOrEqual(0);
		expect(sim.ids.get(3)).toBe(-1);
		expect(sim.gcStats.recent.at(-1)).toMatchObject({kind: 'minor', markedObjects: 1, reclaimedBlocks: 1});
		stepTo(sim, 6);
		minor(sim);
		expect(sim.ids.get(2)).toBe(-1);
	});

	it('keeps what a dead old block references until a major cycle', () => {
		const sim = begin('a 1 64\nroot 1\na 2 32\nref 1 2\nunroot 1', 2);
		minor(sim);
		minor(sim);
		stepTo(sim, 5);
		minor(sim);
		expect([sim.ids.get(1) >= 0, sim.ids.get(2) >= 0]).toEqual([true, true]);
		sim.apply({key: 'collect'});
		expect([sim.ids.get(1), sim.ids.get(2)]).toEqual([-1, -1]);
		expect(sim.gcStats.majorCycles).toBe(1);
	});

	it('never lets a block straddle the old generation and the nursery, even when the old top is freed', () => {
		// 1024-byte blocks are pretenured (a semispace is 512): seven would fill the old generation exactly.
		const lines: string[] = [];
		for (let i = 0; i < 7; i++) lines.push(`a ${i} 1024`, `root ${i}`);
		lines.push('unroot 6', 'f 6', 'a 20 1100', 'root 20');
		const sim = begin(lines.join('\n'), 14);
		// Make the lower semispace the one in use, right above the old generation.
		const lowerFree = (): boolean => [...Array(sim.blocks.handleLimit).keys()].some(h => sim.blocks.isAlive(h) && sim.blocks.isFree(h) && sim.blocks.addr[h] === oldLimit);
		// One cycle straight from the collector flips the semispaces once (the driver may add a major one).
		if (!lowerFree()) sim.reclamation.driver.collector.collect(false);
		expect(lowerFree()).toBe(true);
		stepTo(sim, lines.length);
		minor(sim);
		sim.apply({key: 'collect'});
		const b = sim.blocks;
		const straddling = [...sim.heap.usedHandles()].filter(h => b.addr[h]! < oldLimit && b.addr[h]! + b.size[h]! > oldLimit);
		expect(straddling).toEqual([]);
		expect(checkHeapInvariants(sim.heap)).toBeUndefined();
	});

	it('allocates a block bigger than the nursery straight into the old generation', () => {
		const sim = begin('a 1 700\nroot 1', 2);
		expect(addressOf(sim, 1)).toBe(0);
		expect(sim.summary().failures).toBe(0);
	});
});

function stepTo(sim: Simulation, event: number): void {
	while (sim.eventNumber < event && !sim.finished) sim.stepSync(event - sim.eventNumber);
}
