import {type BlockTable, none} from '../blocks.js';
import {ShortListOrClassLists} from './short-list-or-class-lists.js';
import {SizeClassLists} from './size-class-lists.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

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

/**
 * The lists, or the short list standing for them while few blocks are free (as TLSF's): with at most
 * `listedUpTo` (16) blocks in all, the walk of the request's class is never cut short, so its first fit
 * from the head is the newest fitting entry of that class, and failing that the head of the next
 * non-empty class is the newest entry of the lowest class above, all of whose blocks fit.
 */
class SegregatedFit extends ShortListOrClassLists<SizeClassLists> implements PlacementStrategy {
	readonly name = 'segregated';

	constructor(blocks: BlockTable, classes: readonly number[] | undefined) {
		super(blocks, new SizeClassLists(blocks, classes));
	}

	listFor(size: number): number {
		return this.lists.classFor(size);
	}

	findFit(size: number): number {
		const lists = this.lists;
		const c = lists.classFor(size);
		if (this.scanning) return this.few.newestIn(c, Number.POSITIVE_INFINITY, size);
		const inClass = lists.firstInClass(c, size, scanLimit);
		if (inClass !== none) return inClass;
		const above = lists.headAbove(c);
		return above !== none ? above : lists.firstInClass(c, size);
	}
}

export const segregated: StrategyDescriptor = {
	name: 'segregated',
	description: "segregated fit: a free list per size class; first fit in the request's class, else the next non-empty class",
	create: ({blocks, sizeClasses}) => new SegregatedFit(blocks, sizeClasses),
};
