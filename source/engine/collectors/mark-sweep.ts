import type {Collector, CollectorDescriptor, CollectorContext, CycleOutcome} from './collector.js';
import {compactAll} from './mark-compact.js';
import {allProgramBlocks, reclaimUnmarked} from './sweep.js';

/**
 * McCarthy's mark-sweep: mark from the roots, then sweep the block table and free what was not
 * marked. Nothing moves: freed blocks go back to the placement strategy's index and the heap keeps
 * whatever fragmentation the program left.
 */
export function createMarkSweep(context: CollectorContext): Collector {
	return {
		name: 'mark-sweep',
		usableBytes: () => context.heap.top,
		attach() {},
		detach() {},
		collect(): CycleOutcome {
			const markedObjects = context.marker.markAll();
			const swept = reclaimUnmarked(context, allProgramBlocks(context));
			return {kind: 'major', markedObjects, movedBytes: 0, ...swept};
		},
		compact: () => compactAll(context.heap),
	};
}

export const markSweep: CollectorDescriptor = {
	name: 'mark-sweep',
	description: 'non-moving mark and sweep: freed blocks return to the strategy, fragmentation stays',
	create: createMarkSweep,
};
