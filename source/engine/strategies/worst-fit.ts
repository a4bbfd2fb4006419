import {none} from '../blocks.js';
import {LargestFirstHeap} from './largest-first-heap.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Worst fit: carve from the largest free block, so the remainder stays large enough to be useful
 * (it tends to fragment the big blocks instead, which is the comparison worth seeing).
 */
export const worstFit: StrategyDescriptor = {
	name: 'worst-fit',
	description: 'worst fit: the largest free block, lowest address on ties (max-heap by size, O(log n))',
	create({blocks}) {
		const heap = new LargestFirstHeap(blocks);
		return {
			name: 'worst-fit',
			insert: h => heap.insert(h),
			remove: h => heap.remove(h),
			findFit(size) {
				const h = heap.top();
				return h !== none && blocks.size[h]! >= size ? h : none;
			},
			clear: () => heap.clear(),
			handles: () => heap.handles(),
			structureProblem: () => heap.structureProblem(),
			largest: () => heap.top(),
			moved: h => heap.moved(h),
		};
	},
};
