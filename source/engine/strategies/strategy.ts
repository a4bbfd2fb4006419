import type {BlockTable} from '../blocks.js';

/**
 * A placement strategy is an index over the heap's free blocks. The heap owns the blocks, splits and
 * coalesces them; the strategy only remembers which free blocks exist and answers "which free block
 * should a request of this many bytes go to?".
 *
 * Contract: every free block of the heap is inserted exactly once and removed before it is used, merged
 * or destroyed; `findFit` never mutates the index (the heap calls `remove` on what it picks).
 */
export interface PlacementStrategy {
	readonly name: string;
	/** A free block (blocks.addr[h], blocks.size[h]) became available. */
	insert(h: number): void;
	/** A free block is leaving the index (about to be used, merged or destroyed). */
	remove(h: number): void;
	/** The free block a request of `size` bytes (already aligned, header included) should use, or -1. */
	findFit(size: number): number;
	/** Forget every block (the heap re-inserts what is free after a relayout or a switch). */
	clear(): void;
	/**
	 * Every handle in the index, for the invariant checker (which compares it to the heap) and review
	 * mode's checkpoints (which compare it before and after a restore that inserts the blocks again, last
	 * first). So the order must follow from what the index holds, not from how it was built: key order
	 * for a keyed index (a heap's array order would not do), list order for LIFO lists.
	 */
	handles(): number[];
	/**
	 * Binary buddy: requests are rounded up to powers of two, free blocks are aligned powers of two,
	 * and only buddies coalesce. The heap does the splitting and merging when this is true.
	 */
	readonly powerOfTwo?: boolean;
	/**
	 * The largest free block's handle (-1 when none), for strategies whose index knows it cheaply. The heap
	 * keeps a size index of its own only for strategies without this, so the common ones index each free
	 * block once, not twice.
	 */
	largest?(): number;
	/**
	 * Free block `h`, still indexed, changed its address or size in place: the rest of a block the heap
	 * split at its front, or a block that absorbed a freed neighbour. No other free block lies between
	 * its old and new range, so address order holds. The index must then answer exactly as after a
	 * removal of the old block and an insertion of the new one, so placements are the same either way;
	 * the heap's in-place paths use it instead of that pair.
	 */
	moved?(h: number): void;
	/** What is wrong inside the index's own structure (links, subtree bounds), for the invariant checker. */
	structureProblem?(): string | undefined;
	/** Called by the heap when a block it is about to place came from `findFit` (next-fit moves its rover). */
	placed?(h: number): void;
}

export interface StrategyContext {
	readonly blocks: BlockTable;
	/** The heap's first block in address order (for naive-first-fit's walk). */
	firstBlock(): number;
	/** Size classes for `segregated` (upper bounds in bytes, ascending). */
	readonly sizeClasses?: readonly number[];
}

export interface StrategyDescriptor {
	readonly name: string;
	readonly description: string;
	/**
	 * A new index for one simulation. Return an instance of a class, not an object literal of closures
	 * over local state: every simulation would then bring new functions to the heap's call sites, which
	 * V8 can no longer inline as one known method. Turning the tree strategies and segregated fit into
	 * classes made their replays 5 to 20% faster (realloc-bal first fit 0.86 to 0.90x, ninja next fit 0.80x).
	 */
	create(context: StrategyContext): PlacementStrategy;
}
