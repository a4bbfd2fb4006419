import {type BlockTable, none} from '../blocks.js';
import {FreeBlockTreap} from './treap.js';

/**
 * Free blocks ordered by (size, address): the smallest block that fits is a lower-bound descent, and
 * among blocks of equal size the lowest address comes first, so ties break the way the address-ordered
 * strategies do and a run is reproducible.
 */
export class SizeTree extends FreeBlockTreap {
	constructor(blocks: BlockTable) {
		super(blocks, false);
	}

	protected precedes(a: number, b: number): boolean {
		const sa = this.blocks.size[a]!;
		const sb = this.blocks.size[b]!;
		return sa < sb || (sa === sb && this.blocks.addr[a]! < this.blocks.addr[b]!);
	}

	/**
	 * Block `by` takes `old`'s node when its (size, address) key still sorts between `old`'s neighbours,
	 * as the rest of a split block or a freed block that absorbed its neighbour usually does under worst
	 * fit and often under best fit; otherwise `old` leaves and `by` is inserted. Either way the tree holds
	 * the same keys as after a removal and an insertion, so every later search answers the same.
	 */
	replaceOrMove(old: number, by: number): void {
		if (this.sortsAt(old, by)) {
			this.replace(old, by);
		} else {
			this.remove(old);
			this.insert(by);
		}
	}

	/** Block `h`, in the tree, changed size: it keeps its node when its key still sorts there, else it moves. */
	override resized(h: number): void {
		if (this.sortsAt(h, h)) return;
		this.remove(h);
		this.insert(h);
	}

	/** `by`'s key falls between the keys of `at`'s neighbours in the tree. */
	private sortsAt(at: number, by: number): boolean {
		const before = this.predecessor(at);
		if (before !== none && !this.precedes(before, by)) return false;
		const after = this.successor(at);
		return after === none || this.precedes(by, after);
	}

	/** The smallest block of at least `size` bytes (lowest address among equals), or -1. */
	smallestFitting(size: number): number {
		const blockSize = this.blocks.size;
		let found = none;
		let t = this.root;
		while (t !== none) {
			if (blockSize[t]! >= size) {
				found = t;
				t = this.left[t]!;
			} else {
				t = this.right[t]!;
			}
		}
		return found;
	}

	/** The largest block (lowest address among equals), or -1. */
	largest(): number {
		let t = this.root;
		if (t === none) return none;
		while (this.right[t] !== none) t = this.right[t]!;
		return this.smallestFitting(this.blocks.size[t]!);
	}
}
