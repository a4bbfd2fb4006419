import {type BlockTable, growInt, none} from '../blocks.js';
import {FreeBlockTreap} from './treap.js';

/**
 * Free blocks ordered by address. With each subtree's largest size at hand, "the lowest-address block
 * that fits" is one descent: go left whenever the left subtree holds a block big enough. O(log n)
 * where the textbook free-list walk is O(n).
 */
export class AddressTree extends FreeBlockTreap {
	/** Nodes on the way to `from` whose left side is being searched (fitEndingAfter's stack). */
	private waiting = new Int32Array(64);

	/** `shortList` false: a tree from the first block, never a short list (tests compare against one). */
	constructor(blocks: BlockTable, shortList = true) {
		super(blocks, true, shortList);
	}

	protected precedes(a: number, b: number): boolean {
		return this.blocks.addr[a]! < this.blocks.addr[b]!;
	}

	/** The largest block (lowest address among equals), or -1: the first that fits the largest size. */
	largest(): number {
		if (this.scanning) return this.few.largest();
		return this.root === none ? none : this.leftmostFitting(this.root, this.maxSize[this.root]!);
	}

	/** The lowest-address block of at least `size` bytes, or -1. */
	firstFit(size: number): number {
		return this.scanning ? this.few.lowestFitting(size) : this.leftmostFitting(this.root, size);
	}

	/**
	 * The lowest-address block with at least `size` bytes among those that end after address `from`, or
	 * -1: the block containing `from` if it fits, else the first fit at or after `from`. Free blocks do
	 * not overlap, so their ends sort as their addresses do and one descent answers both questions.
	 */
	firstFitEndingAfter(from: number, size: number): number {
		return this.scanning ? this.few.lowestFittingEndingAfter(from, size) : this.fitEndingAfter(this.root, from, size);
	}

	private leftmostFitting(t: number, size: number): number {
		if (t === none || this.maxSize[t]! < size) return none;
		const blockSize = this.blocks.size;
		for (;;) {
			const l = this.left[t]!;
			if (l !== none && this.maxSize[l]! >= size) t = l;
			else if (blockSize[t]! >= size) return t;
			// Unreachable while the maxima hold; a broken maximum must end the search, not spin on -1.
			else if ((t = this.right[t]!) === none) return none;
		}
	}

	/**
	 * Walks the boundary path to `from`. Each node on it that ends after `from` waits on a stack while
	 * its left side is searched; when that side has no fit, the nodes are tried in address order, each
	 * before its right subtree, whose fit (if its maximum says there is one) is a single descent. So the
	 * whole search stays O(log n), with no recursion for the optimizer to stop at.
	 */
	private fitEndingAfter(t: number, from: number, size: number): number {
		const {addr, size: blockSize} = this.blocks;
		const maxSize = this.maxSize;
		let waiting = 0;
		for (;;) {
			while (t !== none && maxSize[t]! >= size && addr[t]! + blockSize[t]! <= from) t = this.right[t]!;
			if (t === none || maxSize[t]! < size) break;
			if (waiting === this.waiting.length) this.waiting = growInt(this.waiting, waiting * 2);
			this.waiting[waiting++] = t;
			t = this.left[t]!;
		}
		while (waiting > 0) {
			const u = this.waiting[--waiting]!;
			if (blockSize[u]! >= size) return u;
			const right = this.leftmostFitting(this.right[u]!, size);
			if (right !== none) return right;
		}
		return none;
	}
}
