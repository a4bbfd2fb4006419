import {InputError} from '../input-error.js';
import type {Collector, CollectorContext, CollectorDescriptor, CycleOutcome} from './collector.js';
import {alignDown, flagMoved, programBlocksIn, releaseReserves, requireSplittableHeap, reserveRange, slide} from './layout.js';
import {allProgramBlocks, reclaimUnmarked} from './sweep.js';

/**
 * Cheney's semispace collector (1970): the heap is two halves; the program allocates in one while
 * the other is held back as a reserved block, so usable capacity is half. A cycle copies the
 * survivors, in breadth-first trace order, to the idle half and flips. Garbage costs nothing to a
 * copying collector, so no sweep is priced; every survivor is copied.
 */
export function createCopying(context: CollectorContext): Collector {
	const heap = context.heap;
	let semispace = 0;
	let active = 0;
	const reserves: number[] = [];

	const base = (): number => active * semispace;
	const reserveIdle = (): void => {
		reserveRange(heap, 0, base(), reserves);
		reserveRange(heap, base() + semispace, heap.top, reserves);
	};
	/** Lay `handles` out from the start of the active half and hold the rest back. */
	const layOut = (handles: ArrayLike<number>): number => {
		releaseReserves(heap, reserves);
		const moved: number[] = [];
		slide(heap, handles, base(), moved);
		heap.relayout();
		reserveIdle();
		return flagMoved(heap, moved);
	};

	return {
		name: 'copying',
		splitsHeap: true,
		usableBytes: () => semispace,
		attach() {
			const capacity = requireSplittableHeap(heap, 'copying');
			semispace = alignDown(heap, capacity / 2);
			const live = programBlocksIn(heap, 0, Number.POSITIVE_INFINITY);
			const bytes = live.reduce((sum, h) => sum + heap.blocks.size[h]!, 0);
			if (bytes > semispace) {
				throw new InputError(`--gc copying: ${bytes} bytes in use do not fit one semispace (allowed: up to ${semispace} bytes, half the heap)`);
			}
			active = 0;
			layOut(live);
		},
		detach() {
			releaseReserves(heap, reserves);
		},
		collect(): CycleOutcome {
			const {marker} = context;
			const markedObjects = marker.markAll();
			const {reclaimedBytes, reclaimedBlocks} = reclaimUnmarked(context, allProgramBlocks(context));
			active = 1 - active;
			// marker.order is the to-space order Cheney's scan pointer would produce.
			const movedBytes = layOut(marker.order.subarray(0, marker.count));
			return {kind: 'major', markedObjects, reclaimedBytes, reclaimedBlocks, movedBytes, sweptBlocks: 0};
		},
		compact: () => layOut(programBlocksIn(heap, 0, Number.POSITIVE_INFINITY)),
	};
}

export const copying: CollectorDescriptor = {
	name: 'copying',
	description: 'Cheney semispace copying: allocate in one half, copy survivors to the other; usable capacity is half',
	create: createCopying,
};
