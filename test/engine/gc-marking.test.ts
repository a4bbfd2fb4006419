import {describe, expect, it} from 'vitest';
import {BlockTable} from '../../source/engine/blocks.js';
import {Marker} from '../../source/engine/graph/marker.js';
import {ObjectGraph} from '../../source/engine/graph/object-graph.js';
import {Rng} from '../../source/engine/rng.js';
import {runScript} from './gc-workload.js';

/** A block table of `count` live rows (addresses 16 bytes apart), with a graph over it. */
function world(count: number): {graph: ObjectGraph; marker: Marker} {
	const blocks = new BlockTable(count);
	for (let i = 0; i < count; i++) blocks.create(i * 16, 16, 0);
	const graph = new ObjectGraph(blocks, 2 * count);
	return {graph, marker: new Marker(graph)};
}

describe('marking', () => {
	it('marks a chain of a million links without recursion', () => {
		const {graph, marker} = world(1_000_000);
		graph.addRoot(0);
		for (let i = 1; i < 1_000_000; i++) graph.addEdge(i - 1, i);
		expect(marker.markAll()).toBe(1_000_000);
		expect(marker.tracedEdges).toBe(999_999);
	}, 60_000);

	it('marks a million objects with two million edges, and only what the roots reach', () => {
		const {graph, marker} = world(1_000_000);
		const rng = new Rng(7);
		graph.addRoot(0);
		// A random tree over the first 900,000 blocks, a million more edges among them, and a 100,000-block chain nothing reaches.
		for (let i = 1; i < 900_000; i++) graph.addEdge(rng.int(0, i - 1), i);
		for (let e = 0; e < 1_000_002; e++) graph.addEdge(rng.int(0, 899_999), rng.int(0, 899_999));
		for (let i = 900_001; i < 1_000_000; i++) graph.addEdge(i - 1, i);
		expect(graph.edgeCount).toBe(2_000_000);
		expect(marker.markAll()).toBe(900_000);
		expect([marker.isMarked(899_999), marker.isMarked(900_000), marker.isMarked(999_999)]).toEqual([true, false, false]);
	}, 60_000);

	it('counts a multigraph: two refs need two unrefs', () => {
		const {graph, marker} = world(2);
		graph.addRoot(0);
		graph.addEdge(0, 1);
		graph.addEdge(0, 1);
		expect(graph.removeEdge(0, 1)).toBe(true);
		expect(marker.markAll()).toBe(2);
		expect(graph.removeEdge(0, 1)).toBe(true);
		expect(graph.removeEdge(0, 1)).toBe(false);
		expect(marker.markAll()).toBe(1);
	});

	it('unrefs one listener of a bus with many through the shorter list', () => {
		const {graph} = world(100_001);
		for (let i = 1; i <= 100_000; i++) graph.addEdge(0, i);
		let removed = 0;
		for (let i = 100_000; i >= 1; i--) if (graph.removeEdge(0, i)) removed++;
		expect(removed).toBe(100_000);
		expect([graph.edgeCount, graph.outDegree(0)]).toEqual([0, 0]);
	}, 60_000);

	it('collects a 200,000-block chain in a simulation under every moving collector without losing a link', () => {
		const lines = ['a 0 8', 'root 0'];
		for (let i = 1; i < 200_000; i++) lines.push(`a ${i} 8`, `ref ${i - 1} ${i}`);
		lines.push('a 200000 8');
		for (const collector of ['mark-sweep', 'mark-compact', 'copying', 'generational']) {
			const sim = runScript(lines.join('\n'), {collector, capacity: 16 * 1024 * 1024});
			sim.apply({key: 'collect'});
			expect([collector, sim.heap.usedBlocks, sim.gcStats.recent.at(-1)!.reclaimedBlocks]).toEqual([collector, 200_000, 1]);
		}
	}, 120_000);
});
