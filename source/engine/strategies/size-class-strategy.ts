import type {BlockTable} from '../blocks.js';
import {SizeClassIndex} from './size-class-index.js';
import type {PlacementStrategy} from './strategy.js';

/**
 * A strategy that is a size-class index and nothing more: TLSF (32 lists per power of two) and buddy
 * (one list per power of two) differ only in the index's second level and in buddy's halving, which
 * the heap does when `powerOfTwo` is set. The strategy is the index itself, so the heap's calls reach
 * the lists without a forwarding closure in between.
 *
 * It offers no `moved`, so the heap splits and coalesces by removal and insertion. TLSF's lists are
 * narrow (32 per power of two): the rest of a split or a merged block mostly changes list anyway, and
 * with a `moved` that keeps a list head in place realloc2-bal replayed 4% slower (67.5 -> 70.3 ns,
 * fastest run of four processes each) although the heap alone was faster.
 */
class SizeClassStrategy extends SizeClassIndex implements PlacementStrategy {
	constructor(
		readonly name: string,
		blocks: BlockTable,
		secondLevelBits: number,
		readonly powerOfTwo: boolean,
	) {
		super(blocks, secondLevelBits);
	}

	findFit(size: number): number {
		return this.goodFit(size);
	}
}

export function sizeClassStrategy(name: string, blocks: BlockTable, secondLevelBits: number, powerOfTwo = false): PlacementStrategy {
	return new SizeClassStrategy(name, blocks, secondLevelBits, powerOfTwo);
}
