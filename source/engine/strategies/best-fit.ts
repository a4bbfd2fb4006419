import {SizeTree} from './size-tree.js';
import type {StrategyDescriptor} from './strategy.js';

/** Best fit (the original design's "Least-Fit"): the smallest free block that fits, lowest address on ties. */
export const bestFit: StrategyDescriptor = {
	name: 'best-fit',
	description: 'best fit: the smallest free block that fits, lowest address on ties (size treap, O(log n))',
	create({blocks}) {
		const tree = new SizeTree(blocks);
		return {
			name: 'best-fit',
			insert: h => tree.insert(h),
			remove: h => tree.remove(h),
			findFit: size => tree.smallestFitting(size),
			clear: () => tree.clear(),
			handles: () => tree.handles(),
			structureProblem: () => tree.structureProblem(),
			largest: () => tree.largest(),
			moved: h => tree.moved(h),
		};
	},
};
