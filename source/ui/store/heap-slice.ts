import {none} from '../../engine/blocks.js';
import type {Heap} from '../../engine/heap.js';
import {externalFragmentation} from '../../engine/metrics.js';
import type {Simulation} from '../../engine/simulation.js';
import type {HeapSlice} from './snapshot.js';

interface LargestFreeIndex {
	largest(): number;
}

/**
 * The largest free block's handle. The heap knows it in O(1) through its size index; until the heap
 * exports the handle itself (`largestFreeHandle`), the index is read through TypeScript's bracket access.
 */
export function largestFreeHandle(heap: Heap): number {
	const exported = (heap as unknown as {largestFreeHandle?: () => number}).largestFreeHandle;
	if (typeof exported === 'function') return exported.call(heap);
	const index = (heap as unknown as {bySize?: LargestFreeIndex}).bySize;
	return index ? index.largest() : none;
}

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
	const h = largestFreeHandle(heap);
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
