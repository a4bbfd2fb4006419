import {type BlockTable, none} from '../blocks.js';

/** Up to this many free blocks, a tree strategy keeps them in its short list; below the second, back to it from the tree. */
export const fewUpTo = 48;
export const fewBelow = 24;

/**
 * A handful of free blocks in one short unsorted array, each query a scan of all of them. Small
 * programs and the quiet stretches of big ones have only a few free blocks at a time (ninja's replay
 * has 0 to 9, awk's 0 to 7), and there a tree's upkeep costs more than it saves: a block that shrinks
 * or grows in place must be checked against its neighbours in key order and often re-sorted, and every
 * insertion and removal rebalances. Here a block that changes in place needs nothing, an insertion is
 * an append and a removal a swap with the last entry, and a query reads a few cache lines in order.
 *
 * Each query picks by key, not by position (the array's order is only the order of past swaps), so the
 * answers are exactly those of the ordered structures the strategies use beyond `capacity` blocks:
 * best fit's smallest fit, first fit's lowest fit, and next fit's first fit from its rover.
 */
export class FewFreeBlocks {
	count = 0;
	private readonly entries: Int32Array;

	constructor(
		private readonly blocks: BlockTable,
		readonly capacity: number,
	) {
		this.entries = new Int32Array(capacity);
	}

	insert(h: number): void {
		if (this.count === this.capacity) throw new Error(`more than ${this.capacity} free blocks in a short list`);
		this.entries[this.count++] = h;
	}

	remove(h: number): void {
		const entries = this.entries;
		let i = this.count - 1;
		while (i >= 0 && entries[i] !== h) i--;
		if (i < 0) throw new Error(`free block ${h} is not in the short list`);
		entries[i] = entries[--this.count]!;
	}

	clear(): void {
		this.count = 0;
	}

	/** The smallest block of at least `size` bytes, lowest address among equals, or -1. */
	smallestFitting(size: number): number {
		const blockSize = this.blocks.size;
		const addr = this.blocks.addr;
		const entries = this.entries;
		let found = none;
		let foundSize = Infinity;
		for (let i = 0; i < this.count; i++) {
			const h = entries[i]!;
			const s = blockSize[h]!;
			if (s >= size && (s < foundSize || (s === foundSize && addr[h]! < addr[found]!))) {
				found = h;
				foundSize = s;
			}
		}
		return found;
	}

	/** The lowest-address block of at least `size` bytes, or -1. */
	lowestFitting(size: number): number {
		return this.lowestFittingEndingAfter(-Infinity, size);
	}

	/** The lowest-address block of at least `size` bytes among those that end after address `from`, or -1. */
	lowestFittingEndingAfter(from: number, size: number): number {
		const blockSize = this.blocks.size;
		const addr = this.blocks.addr;
		const entries = this.entries;
		let found = none;
		let foundAddr = Infinity;
		for (let i = 0; i < this.count; i++) {
			const h = entries[i]!;
			const a = addr[h]!;
			const s = blockSize[h]!;
			if (s >= size && a < foundAddr && a + s > from) {
				found = h;
				foundAddr = a;
			}
		}
		return found;
	}

	/** The largest block, lowest address among equals, or -1: the smallest fit for the largest size. */
	largest(): number {
		const blockSize = this.blocks.size;
		let top = 0;
		for (let i = 0; i < this.count; i++) top = Math.max(top, blockSize[this.entries[i]!]!);
		return this.smallestFitting(top);
	}

	holds(h: number): boolean {
		for (let i = 0; i < this.count; i++) if (this.entries[i] === h) return true;
		return false;
	}

	all(): number[] {
		return [...this.entries.subarray(0, this.count)];
	}

	/** The blocks, in the order `precedes` gives (the invariant checker and checkpoints want key order). */
	sorted(precedes: (a: number, b: number) => boolean): number[] {
		return this.all().sort((a, b) => (precedes(a, b) ? -1 : 1));
	}

	/** A block listed twice. */
	structureProblem(): string | undefined {
		const seen = new Set<number>();
		for (let i = 0; i < this.count; i++) {
			const h = this.entries[i]!;
			if (seen.has(h)) return `free block ${h} is twice in the short list`;
			seen.add(h);
		}
		return undefined;
	}
}
