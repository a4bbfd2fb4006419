import {type BlockTable, growInt, none} from '../blocks.js';
import {FreeBlockTreap} from './treap.js';

/**
 * Free blocks ordered by address. With a bound on each subtree's largest size at hand, "the
 * lowest-address block that fits" is one descent: go left whenever the left subtree may hold a block big
 * enough. O(log n) where the textbook free-list walk is O(n), plus the nodes of subtrees whose bounds
 * were left high since the last search went there (each lowered as it is passed: see leftmostFitting).
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

	/**
	 * The largest block (lowest address among equals), or -1: the first that fits the root's bound. A
	 * bound above every block finds none and is lowered on the way, so the next try asks for less.
	 */
	largest(): number {
		if (this.scanning) return this.few.largest();
		for (;;) {
			if (this.root === none) return none;
			const found = this.leftmostFitting(this.root, this.maxSize[this.root]!);
			if (found !== none) return found;
		}
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

	/**
	 * The lowest-address block in t's subtree with at least `size` bytes, or -1: an in-order walk that
	 * skips every subtree whose bound is below `size`. While the bounds are exact it goes straight down
	 * (left when the left side holds a fit, else the node, else right). A bound left high by a block that
	 * shrank or left sends it into a subtree with no fit; each node it comes back from empty-handed then
	 * gets the bound its block and its children's bounds allow, below `size`, so no later search for as
	 * much goes there again. The treap's walk stack (`spine`, idle during a search) holds the nodes being
	 * returned to: a node (≥ 0) whose left side is being searched, or ~node (< 0) whose right side is.
	 */
	private leftmostFitting(t: number, size: number): number {
		const maxSize = this.maxSize;
		const blockSize = this.blocks.size;
		if (t === none || maxSize[t]! < size) return none;
		let depth = 0;
		for (;;) {
			// t's subtree may hold a fit: go left as far as the bounds allow.
			for (let l = this.left[t]!; l !== none && maxSize[l]! >= size; l = this.left[t]!) {
				this.remember(depth++, t);
				t = l;
			}
			// Nothing fits left of t: t itself, else its right side, else back up to the nearest node whose
			// left side this was, lowering the bounds of the subtrees that held nothing.
			for (;;) {
				if (blockSize[t]! >= size) return t;
				const r = this.right[t]!;
				if (r !== none && maxSize[r]! >= size) {
					this.remember(depth++, ~t);
					t = r;
					break;
				}
				this.pull(t);
				let entry = ~t;
				while (entry < 0) {
					if (depth === 0) return none;
					entry = this.spine[--depth]!;
					if (entry < 0) this.pull(~entry);
				}
				t = entry;
			}
		}
	}

	/**
	 * Walks the boundary path to `from`. Each node on it that ends after `from` waits on a stack while
	 * its left side is searched; when that side has no fit, the nodes are tried in address order, each
	 * before its right subtree, whose fit (if its bound says there may be one) is leftmostFitting's. So
	 * the search stays O(log n) while the bounds are exact, with no recursion for the optimizer to stop at.
	 * A bound is only ever used to skip a subtree with no fit, which a high one never wrongly does.
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
