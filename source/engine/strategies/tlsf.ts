import {SizeClassIndex} from './size-class-index.js';
import type {StrategyDescriptor} from './strategy.js';

/** Two-level segregated fit: O(1) search and insert through two levels of bitmaps (32 lists per power of two). */
export const tlsf: StrategyDescriptor = {
	name: 'tlsf',
	description: 'two-level segregated fit: bitmaps over 32 size lists per power of two, O(1) search and insert',
	create({blocks}) {
		const index = new SizeClassIndex(blocks, 5);
		return {
			name: 'tlsf',
			insert: h => index.insert(h),
			remove: h => index.remove(h),
			findFit: size => index.goodFit(size),
			clear: () => index.clear(),
			handles: () => index.handles(),
			largest: () => index.largest(),
		};
	},
};
