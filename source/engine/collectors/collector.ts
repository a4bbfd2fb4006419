import type {Marker} from '../graph/marker.js';
import type {ObjectGraph} from '../graph/object-graph.js';
import type {Heap} from '../heap.js';

export type CycleKind = 'minor' | 'major';

/** What one cycle did, in the units the cost model prices. */
export interface CycleOutcome {
	readonly kind: CycleKind;
	readonly markedObjects: number;
	/** Payload bytes of the blocks reclaimed (the same unit as live bytes). */
	readonly reclaimedBytes: number;
	readonly reclaimedBlocks: number;
	/** Block bytes copied or slid to a new address. */
	readonly movedBytes: number;
	/** Blocks a sweep or a compaction pass examined. */
	readonly sweptBlocks: number;
}

/** What a collector may see and do. It frees only through `reclaim`, so every side table hears of it. */
export interface CollectorContext {
	readonly heap: Heap;
	readonly graph: ObjectGraph;
	readonly marker: Marker;
	reclaim(h: number): void;
	/** The generational nursery's size in bytes (both halves), 0 for "an eighth of the heap". */
	nurseryBytes(): number;
	/** Minor collections a young block survives before it is promoted. */
	promoteAfter(): number;
}

/**
 * One garbage collector. Collectors that move blocks write new addresses and let the heap relayout;
 * a block's handle (and so its id, size, site, owner and edges) never changes. Collectors that hold
 * space back (copying's idle semispace, generational's nursery reserve) do it with reserved blocks,
 * taken in `attach` and given back in `detach`, so switching collectors mid-run is safe.
 */
export interface Collector {
	readonly name: string;
	/** Splits the heap into regions at fixed addresses (buddy blocks cannot be placed across them). */
	readonly splitsHeap?: boolean;
	/** Bytes the program can fill (copying: half the heap); the occupancy trigger's denominator. */
	usableBytes(): number;
	/** Lay the heap out for this collector; throws InputError when the heap cannot take it. */
	attach(): void;
	detach(): void;
	/** One cycle: `full` asks for a major one (a generational minor otherwise). */
	collect(full: boolean): CycleOutcome;
	/** After a cycle: the collector needs a full one right away (generational's old generation is full). */
	wantsFullCycle?(): boolean;
	/** Slide every program block down inside the space the program may use, reclaiming nothing; moved bytes. */
	compact(): number;
	/** A last resort when the placement strategy finds no room (generational allocates large blocks old). */
	allocateElsewhere?(request: number, site: number, owner: number): number;
	/** The write barrier: a reference from -> to was added. */
	onRef?(from: number, to: number): void;
	/** A block was reallocated and may have moved. */
	onRealloc?(h: number): void;
	/** A block is being released: forget what the collector keeps about it. */
	onRelease?(h: number): void;
}

export interface CollectorDescriptor {
	readonly name: string;
	readonly description: string;
	create(context: CollectorContext): Collector;
}
