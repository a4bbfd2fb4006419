import {performance} from 'node:perf_hooks';
import {BlockTable} from '../engine/blocks.js';
import {defaultHeapParams, Heap} from '../engine/heap.js';
import {findStrategy} from '../engine/strategies/registry.js';
import {median} from './median.js';

/**
 * ns per allocate+free pair in a heap riddled with `holes` small free holes, for a request that fits
 * none of them: the case where a linear scan walks every hole and an indexed strategy should not care.
 */
export function timeWithHoles(strategy: string, holes: number, pairs: number, runs = 5): number {
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const heap = buildHoledHeap(strategy, holes);
		const t0 = performance.now();
		for (let i = 0; i < pairs; i++) heap.free(heap.allocate(128, 0, 0));
		samples.push(((performance.now() - t0) * 1e6) / pairs);
	}
	return median(samples);
}

function buildHoledHeap(strategy: string, holes: number): Heap {
	const blocks = new BlockTable(holes * 2 + 16);
	let heap!: Heap;
	const placement = findStrategy(strategy).create({blocks, firstBlock: () => heap.first});
	heap = new Heap({...defaultHeapParams, capacity: holes * 128 + (1 << 20)}, placement, blocks);
	const handles: number[] = [];
	for (let i = 0; i < holes * 2; i++) handles.push(heap.allocate(64, 0, 0));
	for (let i = 0; i < handles.length; i += 2) heap.free(handles[i]!);
	return heap;
}
