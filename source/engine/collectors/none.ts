import type {CollectorDescriptor} from './collector.js';
import {compactAll} from './mark-compact.js';

/** No collector (the default): memory comes back only through the program's frees. */
export const noCollector: CollectorDescriptor = {
	name: 'none',
	description: 'no garbage collector: memory comes back only when the program frees it',
	create(context) {
		return {
			name: 'none',
			usableBytes: () => context.heap.top,
			attach() {},
			detach() {},
			collect: () => ({kind: 'major', markedObjects: 0, reclaimedBytes: 0, reclaimedBlocks: 0, movedBytes: 0, sweptBlocks: 0}),
			compact: () => compactAll(context.heap),
		};
	},
};
