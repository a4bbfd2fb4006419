import {none} from '../blocks.js';
import {SizeTree} from './size-tree.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Worst fit: carve from the largest free block, so the remainder stays large enough to be useful
 * (it tends to fragment the big blocks instead, which is the comparison worth seeing).
 */
export const worstFit: StrategyDescriptor = {
	name: 'worst-fit',
	description: 'worst fit: the largest free block, lowest address on ties (size treap, O(log n))',
	create({blocks}) {
		const tree = new SizeTree(blocks);
		return {
			name: 'worst-fit',
			insert: h => tree.insert(h),
			remove: h => tree.remove(h),
			findFit(size) {
				const h = tree.largest();
				return h !== none && blocks.size[h]! >= size ? h : none;
			},
			clear: () => tree.clear(),
			handles: () => tree.handles(),
			structureProblem: () => tree.structureProblem(),
			largest: () => tree.largest(),
			moved: h => tree.moved(h),
		};
	},
};
