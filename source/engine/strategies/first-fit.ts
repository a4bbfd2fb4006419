import {AddressTree} from './address-tree.js';
import type {StrategyDescriptor} from './strategy.js';

/** Address-ordered first fit (Knuth 1973): the lowest-address free block that fits, found in O(log n). */
export const firstFit: StrategyDescriptor = {
	name: 'first-fit',
	description: 'address-ordered first fit: the lowest-address free block that fits (address treap, O(log n))',
	create({blocks}) {
		const tree = new AddressTree(blocks);
		return {
			name: 'first-fit',
			insert: h => tree.insert(h),
			remove: h => tree.remove(h),
			findFit: size => tree.firstFit(size),
			clear: () => tree.clear(),
			handles: () => tree.handles(),
			structureProblem: () => tree.structureProblem(),
			largest: () => tree.largest(),
			moved: h => tree.moved(h),
		};
	},
};
