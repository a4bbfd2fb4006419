import {none} from '../blocks.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * The original design's linear scan: walk every block from the bottom of the heap until a free one
 * fits. O(n) per request; kept only as the bench's baseline.
 */
export const naiveFirstFit: StrategyDescriptor = {
	name: 'naive-first-fit',
	description: 'linear scan of every block from the bottom of the heap (the bench baseline, O(n))',
	create({blocks, firstBlock}) {
		let count = 0;
		return {
			name: 'naive-first-fit',
			insert() {
				count++;
			},
			remove() {
				count--;
			},
			findFit(size) {
				if (count === 0) return none;
				for (let h = firstBlock(); h !== none; h = blocks.next[h]!) {
					if (blocks.isFree(h) && blocks.size[h]! >= size) return h;
				}
				return none;
			},
			clear() {
				count = 0;
			},
			handles() {
				const result: number[] = [];
				for (let h = firstBlock(); h !== none; h = blocks.next[h]!) if (blocks.isFree(h)) result.push(h);
				return result;
			},
		};
	},
};
