import {none} from '../blocks.js';
import {LargestFirstHeap} from './largest-first-heap.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/** The strategy is the max-heap itself, so the heap's calls reach it without a forwarding closure. */
class WorstFit extends LargestFirstHeap implements PlacementStrategy {
	readonly name = 'worst-fit';

	findFit(size: number): number {
		const h = this.top();
		return h !== none && this.blocks.size[h]! >= size ? h : none;
	}

	largest(): number {
		return this.top();
	}
}

/**
 * Worst fit: carve from the largest free block, so the remainder stays large enough to be useful
 * (it tends to fragment the big blocks instead, which is the comparison worth seeing).
 */
export const worstFit: StrategyDescriptor = {
	name: 'worst-fit',
	description: 'worst fit: the largest free block, lowest address on ties (max-heap by size, O(log n))',
	create: ({blocks}) => new WorstFit(blocks),
};
