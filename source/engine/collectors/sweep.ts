import {BlockFlag} from '../blocks.js';
import type {CollectorContext} from './collector.js';

export interface SweepResult {
	reclaimedBytes: number;
	reclaimedBlocks: number;
	sweptBlocks: number;
}

/** Reclaim every program block of `candidates` the last mark did not reach. */
export function reclaimUnmarked(context: CollectorContext, candidates: ArrayLike<number>): SweepResult {
	const {marker, heap} = context;
	const request = heap.blocks.request;
	let reclaimedBytes = 0;
	let reclaimedBlocks = 0;
	for (let i = 0; i < candidates.length; i++) {
		const h = candidates[i]!;
		if (marker.isMarked(h)) continue;
		reclaimedBytes += request[h]!;
		reclaimedBlocks++;
		context.reclaim(h);
	}
	return {reclaimedBytes, reclaimedBlocks, sweptBlocks: candidates.length};
}

/** Every program block, by handle (the sweep's order: the block table, not the address list). */
export function allProgramBlocks(context: CollectorContext): Int32Array {
	const flags = context.heap.blocks.flags;
	const limit = context.heap.blocks.handleLimit;
	const found = new Int32Array(limit);
	const mask = BlockFlag.row | BlockFlag.free | BlockFlag.reserved;
	let count = 0;
	for (let h = 0; h < limit; h++) if ((flags[h]! & mask) === BlockFlag.row) found[count++] = h;
	return found.subarray(0, count);
}
