import {none} from '../blocks.js';
import {ExactSizeBins, binLimit} from './exact-size-bins.js';
import {SizeTree} from './size-tree.js';
import type {StrategyDescriptor} from './strategy.js';

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
 * one of them from moving blocks back and forth.
 */
export const bestFit: StrategyDescriptor = {
	name: 'best-fit',
	description: 'best fit: the smallest free block that fits, lowest address on ties (size treap; exact-size bins below 1 KiB)',
	create({blocks}) {
		const bins = new ExactSizeBins(blocks);
		const tree = new SizeTree(blocks);
		let binning = false;
		// Block sizes are whole bytes (the heap rounds requests to its alignment, capacities are floored).
		const binned = (size: number): boolean => binning && size < binLimit;
		const place = (h: number): void => {
			if (binned(blocks.size[h]!)) bins.insert(h);
			else tree.insert(h);
		};
		const startBinning = (): void => {
			binning = true;
			for (const h of tree.handles()) {
				if (!binned(blocks.size[h]!)) break;
				tree.remove(h);
				bins.insert(h);
			}
		};
		const stopBinning = (): void => {
			binning = false;
			for (const h of bins.all()) {
				bins.remove(h);
				tree.insert(h);
			}
		};
		return {
			name: 'best-fit',
			// Each method tests `binning` first: with few free blocks, best fit costs what the tree alone does.
			insert(h) {
				if (binning) {
					place(h);
					return;
				}
				tree.insert(h);
				if (tree.count > binningFrom) startBinning();
			},
			remove(h) {
				if (!binning) {
					tree.remove(h);
					return;
				}
				if (bins.binOf(h) !== none) bins.remove(h);
				else tree.remove(h);
				if (tree.count + bins.count < binningUntil) stopBinning();
			},
			findFit(size) {
				if (binned(size)) {
					const small = bins.smallestFrom(size);
					if (small !== none) return small;
				}
				return tree.smallestFitting(size);
			},
			clear() {
				bins.clear();
				tree.clear();
				binning = false;
			},
			handles: () => [...bins.all(), ...tree.handles()],
			structureProblem: () => bins.structureProblem() ?? tree.structureProblem(),
			largest: () => (tree.count > 0 ? tree.largest() : bins.largest()),
			moved(h) {
				if (!binning) {
					tree.moved(h);
					return;
				}
				const bin = bins.binOf(h);
				const size = blocks.size[h]!;
				if (bin === none && !binned(size)) {
					tree.moved(h);
				} else if (bin === size) {
					bins.readdressed(h);
				} else {
					// From a bin to another or to the tree, or from the tree to a bin.
					if (bin !== none) bins.remove(h);
					else tree.remove(h);
					place(h);
				}
			},
		};
	},
};
