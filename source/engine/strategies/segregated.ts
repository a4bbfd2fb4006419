import {none} from '../blocks.js';
import {SizeClassLists} from './size-class-lists.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Segregated fit (Wilson et al. 1995's survey): a free list per size class. A request searches its own
 * class first fit, since blocks there may be smaller than it, then takes the head of the next non-empty
 * class, where every block fits. Close to best fit at the cost of a bitmap scan.
 *
 * The search of the request's own class stops after `scanLimit` blocks: a class full of blocks just
 * too small (malloc-lab's binary traces free thousands of 448-byte blocks, then ask for 512) would
 * otherwise be walked in full on every request. Only when no higher class has a block does the search
 * go back for the rest of its own class, so a request fails only when nothing fits.
 */
const scanLimit = 16;

export const segregated: StrategyDescriptor = {
	name: 'segregated',
	description: "segregated fit: a free list per size class; first fit in the request's class, else the next non-empty class",
	create({blocks, sizeClasses}) {
		const lists = new SizeClassLists(blocks, sizeClasses);
		return {
			name: 'segregated',
			insert: h => lists.insert(h),
			remove: h => lists.remove(h),
			findFit(size) {
				const c = lists.classFor(size);
				const inClass = lists.firstInClass(c, size, scanLimit);
				if (inClass !== none) return inClass;
				const above = lists.headAbove(c);
				return above !== none ? above : lists.firstInClass(c, size);
			},
			clear: () => lists.clear(),
			handles: () => lists.handles(),
			largest: () => lists.largest(),
		};
	},
};
