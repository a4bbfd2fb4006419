import {BlockFlag, type BlockTable, none} from './blocks.js';

/**
 * The heap's blocks in address order, used and free alike: a doubly linked list threaded through the
 * block table's prev/next columns, so walking the heap, splitting a block or merging two is a few
 * integer writes. The heap builds its placement, splitting and coalescing on these links.
 */
export class BlockList {
	first = none;
	last = none;

	constructor(readonly blocks: BlockTable) {}

	/** Every used (program) block, in address order. */
	*usedHandles(): Generator<number> {
		for (let h = this.first; h !== none; h = this.blocks.next[h]!) {
			if ((this.blocks.flags[h]! & (BlockFlag.free | BlockFlag.reserved)) === 0) yield h;
		}
	}

	/** Exchange the places (address, size, list position) of two used blocks; identities stay. */
	protected swapPlaces(x: number, y: number): void {
		const b = this.blocks;
		const xAddr = b.addr[x]!;
		const xSize = b.size[x]!;
		const yAddr = b.addr[y]!;
		const ySize = b.size[y]!;
		// Take both out of the address-ordered list and put each where the other was.
		const xBefore = b.prev[x]!;
		const yBefore = b.prev[y]!;
		this.unlink(x);
		this.unlink(y);
		b.addr[x] = yAddr;
		b.size[x] = ySize;
		b.addr[y] = xAddr;
		b.size[y] = xSize;
		// Insert in ascending address order so that a neighbour reference is always already linked.
		if (xAddr < yAddr) {
			this.linkAfter(y, xBefore === y ? none : xBefore);
			this.linkAfter(x, yBefore === x ? y : yBefore);
		} else {
			this.linkAfter(x, yBefore === x ? none : yBefore);
			this.linkAfter(y, xBefore === y ? x : xBefore);
		}
	}

	protected linkAfter(h: number, after: number): void {
		const b = this.blocks;
		const n = after === none ? this.first : b.next[after]!;
		b.prev[h] = after;
		b.next[h] = n;
		if (after === none) this.first = h;
		else b.next[after] = h;
		if (n === none) this.last = h;
		else b.prev[n] = h;
	}

	protected linkBefore(h: number, before: number): void {
		this.linkAfter(h, this.blocks.prev[before]!);
	}

	/** Take a block out of the address list and recycle its row (merged into a neighbour, or re-cut). */
	protected discard(h: number): void {
		this.unlink(h);
		this.blocks.destroy(h);
	}

	/**
	 * Take a block out of the address list. Its own links are left as they were: every caller relinks it
	 * (`linkAfter` sets both) or recycles its row (`create` sets both), and buddy's merges discard a
	 * block for every level they climb.
	 */
	protected unlink(h: number): void {
		const b = this.blocks;
		const p = b.prev[h]!;
		const n = b.next[h]!;
		if (p === none) this.first = n;
		else b.next[p] = n;
		if (n === none) this.last = p;
		else b.prev[n] = p;
	}
}
