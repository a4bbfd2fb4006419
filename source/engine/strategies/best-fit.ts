import {type BlockTable, none} from '../blocks.js';
import {ExactSizeBins, binLimit} from './exact-size-bins.js';
import {SizeTree} from './size-tree.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/** Above this many free blocks, the small ones move into exact-size bins; below the second, back to the tree. */
export const binningFrom = 64;
export const binningUntil = 16;

/**
 * Best fit (the original design's "Least-Fit"): the smallest free block that fits, lowest address on
 * ties, the address-ordered best fit that does best on real programs (Johnstone and Wilson 1998).
 *
 * A size-ordered tree holds the free blocks. Once there are many, the small ones move into exact-size
 * bins (dlmalloc's small bins, each lowest address first), where the best fit for a small request is a
 * bitmap scan and a bin's top instead of a descent of a dozen levels, and a block that changes size
 * changes bins instead of leaving and re-entering the tree. Every bin holds smaller blocks than the
 * tree, so a request tries the bins from its own size up, then the tree: the block a single tree would
 * pick. With few free blocks the tree alone is cheaper (a split's rest usually keeps its node), so the
 * bins empty back into it below `binningUntil`; the gap between the two thresholds keeps a heap near
 * one of them from moving blocks back and forth. With fewer still, the tree keeps its blocks in a short
 * list scanned whole (see FreeBlockTreap).
 */
class BestFit implements PlacementStrategy {
	readonly name = 'best-fit';
	private readonly bins: ExactSizeBins;
	private readonly tree: SizeTree;
	private binning = false;

	constructor(private readonly blocks: BlockTable) {
		this.bins = new ExactSizeBins(blocks);
		this.tree = new SizeTree(blocks);
	}

	// Each method tests `binning` first: with few free blocks, best fit costs what the tree alone does.
	insert(h: number): void {
		if (this.binning) {
			this.place(h);
			return;
		}
		this.tree.insert(h);
		if (this.tree.count > binningFrom) this.startBinning();
	}

	remove(h: number): void {
		if (!this.binning) {
			this.tree.remove(h);
			return;
		}
		if (this.bins.binOf(h) !== none) this.bins.remove(h);
		else this.tree.remove(h);
		if (this.tree.count + this.bins.count < binningUntil) this.stopBinning();
	}

	findFit(size: number): number {
		if (this.binned(size)) {
			const small = this.bins.smallestFrom(size);
			if (small !== none) return small;
		}
		return this.tree.smallestFitting(size);
	}

	clear(): void {
		this.bins.clear();
		this.tree.clear();
		this.binning = false;
	}

	handles(): number[] {
		return [...this.bins.all(), ...this.tree.handles()];
	}

	structureProblem(): string | undefined {
		return this.bins.structureProblem() ?? this.tree.structureProblem();
	}

	largest(): number {
		return this.tree.count > 0 ? this.tree.largest() : this.bins.largest();
	}

	moved(h: number): void {
		if (!this.binning) {
			this.tree.moved(h);
			return;
		}
		const bin = this.bins.binOf(h);
		const size = this.blocks.size[h]!;
		if (bin === none && !this.binned(size)) {
			this.tree.moved(h);
		} else if (bin === size) {
			this.bins.readdressed(h);
		} else {
			// From a bin to another or to the tree, or from the tree to a bin.
			if (bin !== none) this.bins.remove(h);
			else this.tree.remove(h);
			this.place(h);
		}
	}

	/** Block sizes are whole bytes (the heap rounds requests to its alignment, capacities are floored). */
	private binned(size: number): boolean {
		return this.binning && size < binLimit;
	}

	private place(h: number): void {
		if (this.binned(this.blocks.size[h]!)) this.bins.insert(h);
		else this.tree.insert(h);
	}

	private startBinning(): void {
		this.binning = true;
		for (const h of this.tree.handles()) {
			if (!this.binned(this.blocks.size[h]!)) break;
			this.tree.remove(h);
			this.bins.insert(h);
		}
	}

	private stopBinning(): void {
		this.binning = false;
		for (const h of this.bins.all()) {
			this.bins.remove(h);
			this.tree.insert(h);
		}
	}
}

export const bestFit: StrategyDescriptor = {
	name: 'best-fit',
	description: 'best fit: the smallest free block that fits, lowest address on ties (a list scanned whole up to 48 free blocks, then a size treap; exact-size bins below 1 KiB from 64)',
	create: ({blocks}) => new BestFit(blocks),
};
