import {type BlockTable, none} from '../blocks.js';

/**
 * A handful of free blocks standing for a set of LIFO free lists (TLSF's), as one
 * short array scanned whole. Each entry keeps its list and a stamp that grows with every
 * insertion: in a LIFO list the newest block is the head, so "the head of the first non-empty list from
 * k" is the newest entry of the lowest list from k, and a list's walk from its head is its entries by
 * falling stamp. An insertion is then an append and a removal a swap with the last entry, where the
 * lists unlink, relink and keep two levels of bitmaps: with the few free blocks of a small program's
 * heap, that upkeep is most of what an index costs (see FewFreeBlocks for the tree strategies).
 *
 * The answers are exactly the lists' (the strategies that use this check it against them), except
 * which of several equally large blocks `largest` names: the lists remember one, this takes the newest.
 */
export class FewListedFreeBlocks {
	count = 0;
	private readonly entries: Int32Array;
	private readonly listOf: Int32Array;
	private readonly stamps: Float64Array;
	private clock = 0;

	constructor(
		private readonly blocks: BlockTable,
		readonly capacity: number,
	) {
		this.entries = new Int32Array(capacity);
		this.listOf = new Int32Array(capacity);
		this.stamps = new Float64Array(capacity);
	}

	/** Block `h` becomes the head of list `list`. */
	insert(h: number, list: number): void {
		const i = this.count;
		if (i === this.capacity) throw new Error(`more than ${this.capacity} free blocks in a short list`);
		this.entries[i] = h;
		this.listOf[i] = list;
		this.stamps[i] = ++this.clock;
		this.count = i + 1;
	}

	remove(h: number): void {
		const entries = this.entries;
		const i = this.entryOf(h);
		const last = --this.count;
		entries[i] = entries[last]!;
		this.listOf[i] = this.listOf[last]!;
		this.stamps[i] = this.stamps[last]!;
	}

	/** Block `h` changed in place and belongs to list `list` now: it becomes that list's head, as a removal and insertion make it. */
	moved(h: number, list: number): void {
		const i = this.entryOf(h);
		this.listOf[i] = list;
		this.stamps[i] = ++this.clock;
	}

	clear(): void {
		this.count = 0;
	}

	/** Where block `h` is in the entries, searched from the last, where insertions go. */
	private entryOf(h: number): number {
		const entries = this.entries;
		let i = this.count - 1;
		while (i >= 0 && entries[i] !== h) i--;
		if (i < 0) throw new Error(`free block ${h} is not in the short list`);
		return i;
	}

	/**
	 * The first block of at least `size` bytes in the lists `from` to `to` (exclusive) walked in order,
	 * each from its head: the newest such block of the lowest list that has one. -1 when none.
	 */
	newestIn(from: number, to: number, size: number): number {
		const sizes = this.blocks.size;
		const entries = this.entries;
		const listOf = this.listOf;
		const stamps = this.stamps;
		let found = -1;
		let foundList = to;
		for (let i = 0; i < this.count; i++) {
			const list = listOf[i]!;
			if (list < from || list > foundList || (list === foundList && (found < 0 || stamps[i]! < stamps[found]!))) continue;
			if (sizes[entries[i]!]! < size) continue;
			found = i;
			foundList = list;
		}
		return found < 0 ? none : entries[found]!;
	}

	/**
	 * The largest block, the newest among equals, or -1: the first fit for the largest size (equal sizes
	 * share a list, so that is the newest of them).
	 */
	largest(): number {
		const sizes = this.blocks.size;
		let top = 0;
		for (let i = 0; i < this.count; i++) top = Math.max(top, sizes[this.entries[i]!]!);
		return this.newestIn(0, Number.POSITIVE_INFINITY, top);
	}

	/** Every block as the lists hold them: list by list from the lowest, each from its head. */
	inListOrder(): number[] {
		const order = Array.from({length: this.count}, (_, i) => i);
		order.sort((a, b) => this.listOf[a]! - this.listOf[b]! || this.stamps[b]! - this.stamps[a]!);
		return order.map(i => this.entries[i]!);
	}

	/** Every block, in the order it came. */
	oldestFirst(): number[] {
		const order = Array.from({length: this.count}, (_, i) => i);
		order.sort((a, b) => this.stamps[a]! - this.stamps[b]!);
		return order.map(i => this.entries[i]!);
	}

	/** A block listed twice, or filed under a list other than `listFor` gives for its size. */
	structureProblem(listFor: (size: number) => number): string | undefined {
		const sizes = this.blocks.size;
		const seen = new Set<number>();
		for (let i = 0; i < this.count; i++) {
			const h = this.entries[i]!;
			if (seen.has(h)) return `free block ${h} is twice in the short list`;
			seen.add(h);
			if (this.listOf[i] !== listFor(sizes[h]!)) return `free block ${h} of ${sizes[h]} bytes is filed under list ${this.listOf[i]}, not ${listFor(sizes[h]!)}`;
		}
		return undefined;
	}
}
