import {type BlockTable, none} from '../blocks.js';
import {FreeBlockTreap} from './treap.js';

/**
 * Free blocks ordered by (size, address): the smallest block that fits is a lower-bound descent, and
 * among blocks of equal size the lowest address comes first, so ties break the way the address-ordered
 * strategies do and a run is reproducible.
 */
export class SizeTree extends FreeBlockTreap {
	/** `shortList` false: a tree from the first block, never a short list (tests compare against one). */
	constructor(blocks: BlockTable, shortList = true) {
		super(blocks, false, shortList);
	}

	protected precedes(a: number, b: number): boolean {
		const sa = this.blocks.size[a]!;
		const sb = this.blocks.size[b]!;
		return sa < sb || (sa === sb && this.blocks.addr[a]! < this.blocks.addr[b]!);
	}

	/** Block `h` changed its address or size: it keeps its node when its key still sorts there, else it moves. */
	override moved(h: number): void {
		if (this.scanning || this.sortsAt(h)) return;
		this.remove(h);
		this.insert(h);
	}

	/** `h`'s key falls between the keys of its neighbours in the tree. */
	private sortsAt(h: number): boolean {
		const before = this.predecessor(h);
		if (before !== none && !this.precedes(before, h)) return false;
		const after = this.successor(h);
		return after === none || this.precedes(h, after);
	}

	/** The smallest block of at least `size` bytes (lowest address among equals), or -1. */
	smallestFitting(size: number): number {
		if (this.scanning) return this.few.smallestFitting(size);
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
		if (this.scanning) return this.few.largest();
		let t = this.root;
		if (t === none) return none;
		while (this.right[t] !== none) t = this.right[t]!;
		// The last node has the largest size at the highest address; when the node before it is smaller,
		// that size is unique and there is no lower address to look for.
		const before = this.predecessor(t);
		if (before === none || this.blocks.size[before]! < this.blocks.size[t]!) return t;
		return this.smallestFitting(this.blocks.size[t]!);
	}
}
