import {sizeClassStrategy} from './size-class-strategy.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Binary buddy: one free list per power of two. The heap rounds requests up to powers of two, halves
 * blocks on the way down and merges only buddies on the way up (see buddy-arithmetic.ts).
 */
export const buddy: StrategyDescriptor = {
	name: 'buddy',
	description: 'binary buddy system: power-of-two blocks, split in halves, only buddies coalesce',
	create: ({blocks}) => sizeClassStrategy('buddy', blocks, 0, true),
};
