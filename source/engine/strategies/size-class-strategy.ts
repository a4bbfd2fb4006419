import type {BlockTable} from '../blocks.js';
import {SizeClassIndex} from './size-class-index.js';
import type {PlacementStrategy} from './strategy.js';

/**
 * A strategy that is a size-class index and nothing more: TLSF (32 lists per power of two) and buddy
 * (one list per power of two) differ only in the index's second level and in buddy's halving, which
 * the heap does when `powerOfTwo` is set.
 */
export function sizeClassStrategy(name: string, blocks: BlockTable, secondLevelBits: number, powerOfTwo = false): PlacementStrategy {
	const index = new SizeClassIndex(blocks, secondLevelBits);
	return {
		name,
		powerOfTwo,
		insert: h => index.insert(h),
		remove: h => index.remove(h),
		findFit: size => index.goodFit(size),
		clear: () => index.clear(),
		handles: () => index.handles(),
		largest: () => index.largest(),
	};
}
