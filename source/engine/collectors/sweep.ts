import type {CollectorContext} from './collector.js';

export interface SweepResult {
	reclaimedBytes: number;
	reclaimedBlocks: number;
	sweptBlocks: number;
}

/** Reclaim every program block of `candidates` the last mark did not reach. */
export function reclaimUnmarked(context: CollectorContext, candidates: readonly number[]): SweepResult {
	const {marker, heap} = context;
	const request = heap.blocks.request;
	let reclaimedBytes = 0;
	let reclaimedBlocks = 0;
	for (const h of candidates) {
		if (marker.isMarked(h)) continue;
		reclaimedBytes += request[h]!;
		reclaimedBlocks++;
		context.reclaim(h);
	}
	return {reclaimedBytes, reclaimedBlocks, sweptBlocks: candidates.length};
}

/** Every program block, by handle (the sweep's order: the block table, not the address list). */
export function allProgramBlocks(context: CollectorContext): number[] {
	const {graph} = context;
	const limit = graph.blocks.handleLimit;
	const found: number[] = [];
	for (let h = 0; h < limit; h++) if (graph.isProgramBlock(h)) found.push(h);
	return found;
}
