import {none} from '../blocks.js';
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

/** The strategy is the lists themselves, as TLSF is its index: the heap's calls reach them directly. */
class SegregatedFit extends SizeClassLists implements PlacementStrategy {
	readonly name = 'segregated';

	findFit(size: number): number {
		const c = this.classFor(size);
		const inClass = this.firstInClass(c, size, scanLimit);
		if (inClass !== none) return inClass;
		const above = this.headAbove(c);
		return above !== none ? above : this.firstInClass(c, size);
	}
}

export const segregated: StrategyDescriptor = {
	name: 'segregated',
	description: "segregated fit: a free list per size class; first fit in the request's class, else the next non-empty class",
	create: ({blocks, sizeClasses}) => new SegregatedFit(blocks, sizeClasses),
};
