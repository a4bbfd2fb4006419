import {AddressTree} from './address-tree.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/**
 * The strategy is the tree itself (with its short list for few blocks): the heap's calls reach the
 * treap directly, not through a closure made anew for every simulation.
 */
class FirstFit extends AddressTree implements PlacementStrategy {
	readonly name = 'first-fit';

	findFit(size: number): number {
		return this.firstFit(size);
	}
}

/** Address-ordered first fit (Knuth 1973): the lowest-address free block that fits, found in O(log n). */
export const firstFit: StrategyDescriptor = {
	name: 'first-fit',
	description: 'address-ordered first fit: the lowest-address free block that fits (a list scanned whole up to 48 free blocks, then an address treap, O(log n))',
	create: ({blocks}) => new FirstFit(blocks),
};
