import type {BlockTable} from '../blocks.js';
import {AddressTree} from './address-tree.js';
import {ShortListOrTree} from './short-list-or-tree.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/**
 * The strategy is the index itself (a short list, then an address tree): the heap's calls reach it
 * directly, not through a closure made anew for every simulation.
 */
class FirstFit extends ShortListOrTree<AddressTree> implements PlacementStrategy {
	readonly name = 'first-fit';

	constructor(blocks: BlockTable) {
		super(blocks, new AddressTree(blocks));
	}

	findFit(size: number): number {
		return this.scanning ? this.few.lowestFitting(size) : this.tree.firstFit(size);
	}
}

/** Address-ordered first fit (Knuth 1973): the lowest-address free block that fits, found in O(log n). */
export const firstFit: StrategyDescriptor = {
	name: 'first-fit',
	description: 'address-ordered first fit: the lowest-address free block that fits (a list scanned whole up to 48 free blocks, then an address treap, O(log n))',
	create: ({blocks}) => new FirstFit(blocks),
};
