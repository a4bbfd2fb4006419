import {none} from '../../engine/blocks.js';
import {externalFragmentation} from '../../engine/metrics.js';
import type {Simulation} from '../../engine/simulation.js';
import type {HeapSlice} from './snapshot.js';

/** The Heap pane's slice: the engine's incremental per-cell sums and a few totals; nothing scans blocks. */
export function heapSlice(sim: Simulation, page: number, previous?: HeapSlice): HeapSlice {
	const heap = sim.heap;
	const map = heap.map;
	if (
		previous &&
		previous.version === map.version &&
		previous.page === page &&
		previous.heapBytes === heap.top &&
		previous.liveBytes === heap.payloadBytes
	) {
		return previous;
	}
	const h = heap.largestFreeHandle();
	return {
		used: map.used,
		leaked: map.leaked,
		moved: map.moved,
		cellBytes: map.cellBytes,
		cellCount: map.cellCount,
		version: map.version,
		heapBytes: heap.top,
		highWater: sim.metrics.highWaterBytes,
		liveBytes: heap.payloadBytes,
		liveBlocks: heap.usedBlocks,
		freeBytes: heap.freeBytes,
		freeBlocks: heap.freeBlocks,
		externalFragmentation: externalFragmentation(heap),
		largestFree: h === none ? undefined : {addr: heap.blocks.addr[h]!, size: heap.blocks.size[h]!},
		page,
	};
}
