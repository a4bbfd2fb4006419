import type {BlockTable} from '../blocks.js';
import {ShortListOrClassLists} from './short-list-or-class-lists.js';
import {SizeClassIndex} from './size-class-index.js';
import type {PlacementStrategy} from './strategy.js';

/**
 * TLSF: a size-class index (32 lists per power of two), or a short list standing for it while few
 * blocks are free. The strategy is that pair itself, so the heap's calls reach the lists without a
 * forwarding closure in between.
 *
 * Its `moved` (ShortListOrClassLists) gives a block changed in place a new stamp in the short list and
 * a removal and insertion in the lists. A `moved` that kept a list head in place when the block stayed
 * in its list was tried twice before the short list took `moved` (tlsf 0.91 to 1.07x, segregated 0.84
 * to 1.10x): the lists gained nothing from it, while the short list's stamp is the whole saving.
 */
class SizeClassStrategy extends ShortListOrClassLists<SizeClassIndex> implements PlacementStrategy {
	constructor(
		readonly name: string,
		blocks: BlockTable,
		secondLevelBits: number,
	) {
		super(blocks, new SizeClassIndex(blocks, secondLevelBits));
	}

	listFor(size: number): number {
		return this.lists.listFor(size);
	}

	/**
	 * TLSF's good fit (SizeClassIndex.goodFit): the head of the first non-empty list from the request's
	 * rounded list; else, as a last resort, the first block that fits in the lists the rounding skipped.
	 */
	findFit(size: number): number {
		if (!this.scanning) return this.lists.goodFit(size);
		const rounded = this.lists.roundedList(size);
		const head = this.few.newestIn(rounded, Number.POSITIVE_INFINITY, 0);
		return head >= 0 ? head : this.few.newestIn(this.lists.listFor(size), rounded, size);
	}
}

export function sizeClassStrategy(name: string, blocks: BlockTable, secondLevelBits: number): PlacementStrategy {
	return new SizeClassStrategy(name, blocks, secondLevelBits);
}
