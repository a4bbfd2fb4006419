import {sizeClassStrategy} from './size-class-strategy.js';
import type {StrategyDescriptor} from './strategy.js';

/** Two-level segregated fit: O(1) search and insert through two levels of bitmaps (32 lists per power of two). */
export const tlsf: StrategyDescriptor = {
	name: 'tlsf',
	description: 'two-level segregated fit: bitmaps over 32 size lists per power of two, O(1) search and insert',
	create: ({blocks}) => sizeClassStrategy('tlsf', blocks, 5),
};
