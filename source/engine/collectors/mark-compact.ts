import type {Heap} from '../heap.js';
import type {Collector, CollectorContext, CollectorDescriptor, CycleOutcome} from './collector.js';
import {flagMoved, programBlocksIn, slide} from './layout.js';
import {allProgramBlocks, reclaimUnmarked} from './sweep.js';

/**
 * Slide every program block towards address 0 in address order (Lisp-2 compaction: compute
 * forwarding addresses, update references, move). References here are handles, so "update" costs
 * nothing; the order is kept, so the heap's layout stays recognisable. Afterwards all free space is
 * one block at the top (under buddy, aligned pieces). Returns the bytes moved.
 */
export function compactAll(heap: Heap): number {
	const moved: number[] = [];
	slide(heap, programBlocksIn(heap, 0, Number.POSITIVE_INFINITY), 0, moved);
	heap.relayout();
	return flagMoved(heap, moved);
}

/** Mark, free what is unreachable, then slide the survivors down: fragmentation gone after every cycle. */
export function createMarkCompact(context: CollectorContext): Collector {
	return {
		name: 'mark-compact',
		usableBytes: () => context.heap.top,
		attach() {},
		detach() {},
		collect(): CycleOutcome {
			const markedObjects = context.marker.markAll();
			const swept = reclaimUnmarked(context, allProgramBlocks(context));
			const movedBytes = compactAll(context.heap);
			// The forwarding pass walks every survivor again: price it as a second sweep over them.
			return {kind: 'major', markedObjects, movedBytes, ...swept, sweptBlocks: swept.sweptBlocks + markedObjects};
		},
		compact: () => compactAll(context.heap),
	};
}

export const markCompact: CollectorDescriptor = {
	name: 'mark-compact',
	description: 'mark, then slide survivors down (Lisp-2): all free space ends as one block at the top',
	create: createMarkCompact,
};
