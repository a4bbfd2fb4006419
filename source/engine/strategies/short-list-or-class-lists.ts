import type {BlockTable} from '../blocks.js';
import {FewListedFreeBlocks} from './few-listed-free-blocks.js';

/**
 * Up to this many free blocks, a short list; below the second, back to it from the lists. Lower than
 * the trees' thresholds: a list's head is O(1) where a tree descends, so a scan stops paying sooner.
 */
export const listedUpTo = 16;
export const listedBelow = 8;

/** What a class-list strategy's own lists offer (SizeClassIndex for TLSF). */
export interface FreeBlockLists {
	count: number;
	insert(h: number): void;
	remove(h: number): void;
	clear(): void;
	largest(): number;
	/** Every block list by list, from the lowest, each from its head. */
	handles(): number[];
}

/**
 * Free blocks in a short list while there are few of them, in the strategy's LIFO lists once there are
 * more (as the treaps keep theirs, see FreeBlockTreap; and FewListedFreeBlocks). A subclass says which list a size belongs to and
 * asks its question of `few` while `scanning`, else of `lists`.
 */
export abstract class ShortListOrClassLists<Lists extends FreeBlockLists> {
	readonly few: FewListedFreeBlocks;
	/** All free blocks are in `few`, none in `lists`. */
	scanning = true;

	constructor(
		protected readonly blocks: BlockTable,
		readonly lists: Lists,
	) {
		this.few = new FewListedFreeBlocks(blocks, listedUpTo);
	}

	/** The list a free block of `size` bytes belongs to. */
	abstract listFor(size: number): number;

	get count(): number {
		return this.scanning ? this.few.count : this.lists.count;
	}

	insert(h: number): void {
		if (this.scanning) {
			if (this.few.count < listedUpTo) {
				this.few.insert(h, this.listFor(this.blocks.size[h]!));
				return;
			}
			this.stopScanning();
		}
		this.lists.insert(h);
	}

	remove(h: number): void {
		if (this.scanning) {
			this.few.remove(h);
			return;
		}
		this.lists.remove(h);
		if (this.lists.count < listedBelow) this.startScanning();
	}

	/**
	 * A free block changed in place (the rest of a split, a block that absorbed a neighbour): in the short
	 * list it only takes a new stamp and list, which is what makes the heap's in-place paths pay here.
	 * In the lists it is removed and inserted again, as the heap did before, so it heads its list either way.
	 */
	moved(h: number): void {
		if (this.scanning) {
			this.few.moved(h, this.listFor(this.blocks.size[h]!));
			return;
		}
		this.lists.remove(h);
		this.lists.insert(h);
	}

	largest(): number {
		return this.scanning ? this.few.largest() : this.lists.largest();
	}

	clear(): void {
		this.few.clear();
		this.lists.clear();
		this.scanning = true;
	}

	handles(): number[] {
		return this.scanning ? this.few.inListOrder() : this.lists.handles();
	}

	structureProblem(): string | undefined {
		if (this.scanning && this.lists.count > 0) return `${this.lists.count} free blocks in the lists while the short list is in use`;
		return this.few.structureProblem(size => this.listFor(size));
	}

	/** Each list's blocks go in oldest first, so that its newest is its head, as it was in the short list. */
	private stopScanning(): void {
		this.scanning = false;
		for (const h of this.few.oldestFirst()) this.lists.insert(h);
		this.few.clear();
	}

	/** Each list's blocks come back from its tail: its head gets the newest stamp. */
	private startScanning(): void {
		this.scanning = true;
		const held = this.lists.handles();
		// One removal each, not clear(): clearing resets a side table as long as the block table.
		for (const h of held) this.lists.remove(h);
		for (let i = held.length - 1; i >= 0; i--) this.few.insert(held[i]!, this.listFor(this.blocks.size[held[i]!]!));
	}
}
