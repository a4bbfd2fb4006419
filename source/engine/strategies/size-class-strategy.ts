import type {BlockTable} from '../blocks.js';
import {SizeClassIndex} from './size-class-index.js';
import type {PlacementStrategy} from './strategy.js';

/**
 * A strategy that is a size-class index and nothing more (TLSF: 32 lists per power of two). The strategy
 * is the index itself, so the heap's calls reach the lists without a forwarding closure in between.
 *
 * It offers no `moved`, so the heap splits and coalesces by removal and insertion, as for segregated's
 * lists. A `moved` that kept a list head in place when the block stays in its list made the heap alone
 * faster and whole replays slower or no faster: TLSF realloc2-bal 67.5 -> 70.3 ns; segregated realloc2-bal
 * 75 -> 72 but realloc-bal 74 -> 79, where the rest of a split always changes class (fastest run of three
 * or four processes each).
 */
class SizeClassStrategy extends SizeClassIndex implements PlacementStrategy {
	constructor(
		readonly name: string,
		blocks: BlockTable,
		secondLevelBits: number,
	) {
		super(blocks, secondLevelBits);
	}

	findFit(size: number): number {
		return this.goodFit(size);
	}
}

export function sizeClassStrategy(name: string, blocks: BlockTable, secondLevelBits: number): PlacementStrategy {
	return new SizeClassStrategy(name, blocks, secondLevelBits);
}
