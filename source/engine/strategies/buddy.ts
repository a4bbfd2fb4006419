import {SizeClassIndex} from './size-class-index.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Binary buddy: one free list per power of two. The heap rounds requests up to powers of two, halves
 * blocks on the way down and merges only buddies on the way up (see buddy-arithmetic.ts).
 */
export const buddy: StrategyDescriptor = {
	name: 'buddy',
	description: 'binary buddy system: power-of-two blocks, split in halves, only buddies coalesce',
	create({blocks}) {
		const index = new SizeClassIndex(blocks, 0);
		return {
			name: 'buddy',
			powerOfTwo: true,
			insert: h => index.insert(h),
			remove: h => index.remove(h),
			findFit: size => index.goodFit(size),
			clear: () => index.clear(),
			handles: () => index.handles(),
			largest: () => index.largest(),
		};
	},
};
