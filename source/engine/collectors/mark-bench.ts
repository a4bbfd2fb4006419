import {BlockTable} from '../blocks.js';
import {Marker} from '../graph/marker.js';
import {ObjectGraph} from '../graph/object-graph.js';
import {defaultHeapParams, Heap} from '../heap.js';
import {Rng} from '../rng.js';
import {findStrategy} from '../strategies/registry.js';
import type {CollectorContext} from './collector.js';
import {defaultCostModel, modeledPauseMs, type CostModel} from './cost-model.js';
import {clearMoved} from './layout.js';
import {collectors} from './registry.js';

export interface MarkBenchOptions {
	readonly objects?: number;
	readonly edges?: number;
	/** Share of the objects no root reaches (garbage for the collectors to reclaim). */
	readonly garbage?: number;
	readonly seed?: number;
	readonly cost?: CostModel;
	/** Milliseconds clock; the bench times with it (the caller's, so the engine reads no clock of its own). */
	readonly now?: () => number;
}

export interface MarkBenchResult {
	readonly objects: number;
	readonly edges: number;
	/** A full mark from the roots: measured wall time (median of three, after a warm-up) and the cost model's pause for it. */
	readonly markMs: number;
	readonly markModeledMs: number;
	readonly marked: number;
	readonly collectors: ReadonlyArray<{
		readonly collector: string;
		readonly kind: string;
		readonly wallMs: number;
		readonly pauseModeledMs: number;
		readonly markedObjects: number;
		readonly reclaimedBlocks: number;
		readonly movedBytes: number;
	}>;
}

interface World {
	heap: Heap;
	graph: ObjectGraph;
	marker: Marker;
}

/**
 * Build `objects` blocks (16 to 64 bytes) joined by `edges` references: a random spanning tree from
 * root 0 (so the reachable part is one piece and chains run deep), then random extra edges among
 * the reachable objects. A `garbage` share, scattered over the heap, hangs off nothing the roots reach.
 */
function build(objects: number, edges: number, garbage: number, seed: number): World {
	const rng = new Rng(seed);
	const blocks = new BlockTable(objects + 16);
	const capacity = 2 ** Math.ceil(Math.log2(objects * 64 * 4));
	const heap = new Heap({...defaultHeapParams, capacity}, findStrategy('tlsf').create({blocks, firstBlock: () => heap.first}), blocks);
	const graph = new ObjectGraph(blocks, edges + 16);
	const marker = new Marker(graph);
	const handles = new Int32Array(objects);
	for (let i = 0; i < objects; i++) handles[i] = heap.allocate(16 + 8 * rng.int(0, 6), 0, 0);
	// Shuffle which block plays which object, so garbage is scattered over the heap and compaction has work.
	for (let i = objects - 1; i > 0; i--) {
		const j = rng.int(0, i);
		const swap = handles[i]!;
		handles[i] = handles[j]!;
		handles[j] = swap;
	}
	const live = Math.max(1, Math.floor(objects * (1 - garbage)));
	graph.addRoot(handles[0]!);
	let added = 0;
	for (let i = 1; i < objects; i++, added++) {
		const parent = i < live ? rng.int(0, i - 1) : rng.int(live, Math.max(live, i - 1));
		if (parent !== i) graph.addEdge(handles[parent]!, handles[i]!);
	}
	for (; added < edges; added++) graph.addEdge(handles[rng.int(0, live - 1)]!, handles[rng.int(0, live - 1)]!);
	return {heap, graph, marker};
}

/**
 * `memsim bench --gc`: a full mark of a million objects with two million edges, then one full
 * cycle of every collector over the same graph with a tenth of it garbage. Reports measured wall
 * times and the cost model's pauses side by side.
 */
export function benchMark(options: MarkBenchOptions = {}): MarkBenchResult {
	const objects = options.objects ?? 1_000_000;
	const edges = options.edges ?? 2 * objects;
	const now = options.now ?? (() => globalThis.performance.now());
	const cost = options.cost ?? defaultCostModel;
	const seed = options.seed ?? 1;

	const world = build(objects, edges, 0, seed);
	// One mark to warm the JIT, then the median of three.
	let marked = world.marker.markAll();
	const times: number[] = [];
	for (let run = 0; run < 3; run++) {
		const started = now();
		marked = world.marker.markAll();
		times.push(now() - started);
	}
	const markMs = times.sort((a, b) => a - b)[1]!;
	const markModeledMs = modeledPauseMs(cost, {kind: 'major', markedObjects: marked, reclaimedBytes: 0, reclaimedBlocks: 0, movedBytes: 0, sweptBlocks: 0});

	const results: Array<MarkBenchResult['collectors'][number]> = [];
	for (const descriptor of collectors) {
		if (descriptor.name === 'none') continue;
		const {heap, graph, marker} = build(objects, edges, options.garbage ?? 0.1, seed);
		const context: CollectorContext = {
			heap,
			graph,
			marker,
			reclaim(h) {
				graph.forget(h, 0);
				heap.free(h);
			},
			nurseryBytes: () => 0,
			promoteAfter: () => 2,
		};
		const collector = descriptor.create(context);
		collector.attach();
		clearMoved(heap);
		const start = now();
		const outcome = collector.collect(true);
		const wallMs = now() - start;
		results.push({
			collector: descriptor.name,
			kind: outcome.kind,
			wallMs,
			pauseModeledMs: modeledPauseMs(cost, outcome),
			markedObjects: outcome.markedObjects,
			reclaimedBlocks: outcome.reclaimedBlocks,
			movedBytes: outcome.movedBytes,
		});
	}
	return {objects, edges, markMs, markModeledMs, marked, collectors: results};
}
