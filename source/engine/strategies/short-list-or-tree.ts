import type {BlockTable} from '../blocks.js';
import {FewFreeBlocks} from './few-free-blocks.js';
import type {FreeBlockTreap} from './treap.js';

/** Up to this many free blocks, a short list scanned whole; below the second, back to it from the tree. */
export const shortListUpTo = 48;
export const shortListBelow = 24;

/**
 * Free blocks in a short list while there are few of them, in a tree once there are more. Most of a
 * small program's run, and the quiet stretches of a big one's, have a few dozen free blocks or fewer,
 * where a scan is cheaper than a tree's upkeep (see FewFreeBlocks); a tree's O(log n) wins beyond. The
 * gap between the two thresholds keeps a heap near one of them from moving blocks back and forth.
 *
 * The owner asks its question of `few` while `scanning`, else of `tree`; both answer by key, so a
 * placement does not depend on which of them holds the blocks.
 */
export class ShortListOrTree<Tree extends FreeBlockTreap & {largest(): number}> {
	readonly few: FewFreeBlocks;
	/** All free blocks are in `few`, none in `tree`. */
	scanning = true;

	constructor(
		protected readonly blocks: BlockTable,
		readonly tree: Tree,
	) {
		this.few = new FewFreeBlocks(blocks, shortListUpTo);
	}

	get count(): number {
		return this.scanning ? this.few.count : this.tree.count;
	}

	insert(h: number): void {
		if (this.scanning) {
			if (this.few.count < shortListUpTo) {
				this.few.insert(h);
				return;
			}
			this.stopScanning();
		}
		this.tree.insert(h);
	}

	remove(h: number): void {
		if (this.scanning) {
			this.few.remove(h);
			return;
		}
		this.tree.remove(h);
		if (this.tree.count < shortListBelow) this.startScanning();
	}

	/** In the list a block that changed in place needs nothing: every scan reads its current key. */
	moved(h: number): void {
		if (!this.scanning) this.tree.moved(h);
	}

	holds(h: number): boolean {
		return this.scanning ? this.few.holds(h) : this.tree.holds(h);
	}

	largest(): number {
		return this.scanning ? this.few.largest() : this.tree.largest();
	}

	clear(): void {
		this.few.clear();
		this.tree.clear();
		this.scanning = true;
	}

	/** Every handle in the tree's key order. */
	handles(): number[] {
		return this.scanning ? this.few.sorted((a, b) => this.tree.sortsBefore(a, b)) : this.tree.handles();
	}

	structureProblem(): string | undefined {
		if (this.scanning && this.tree.count > 0) return `${this.tree.count} free blocks in the tree while the short list is in use`;
		return this.few.structureProblem() ?? this.tree.structureProblem();
	}

	private stopScanning(): void {
		this.scanning = false;
		for (const h of this.few.all()) this.tree.insert(h);
		this.few.clear();
	}

	private startScanning(): void {
		this.scanning = true;
		for (const h of this.tree.handles()) {
			this.tree.remove(h);
			this.few.insert(h);
		}
	}
}
