/**
 * Per-cell summaries of the address space for the Heap pane's occupancy map, kept incrementally:
 * every allocation, free, leak flag and move updates the map, so drawing a frame never walks the
 * blocks. The address space is cut into `cellCount` cells of `cellBytes` each; when a growable heap
 * outgrows them, cell size doubles and neighbouring cells merge (O(cells), rare).
 *
 * An update costs O(1) whatever the block's size: a block covering thousands of cells would otherwise
 * cost thousands of writes per event (a trace of large blocks spent two thirds of its time here).
 * Each layer keeps the bytes of the (at most two) partly covered end cells directly and the run of
 * wholly covered cells as a difference array; reading the cells folds both in one O(cells) pass, done
 * at most once per change, which a frame can afford and an event cannot.
 *
 * Used and leaked bytes are kept only once somebody has read the map: a headless run (`--json`,
 * `compare`, the bench) never draws it, and keeping it cost up to a fifth of a replay. The first read
 * fills it from the blocks (O(blocks), once) and from then on it is kept per event. Moved bytes are
 * always kept: only a collection writes them, and it cannot be replayed later.
 */
export class HeapMap {
	cellBytes: number;
	private changes = 0;
	/** Used and leaked bytes are being kept (someone has read the map, or `track` was called). */
	private live = false;
	private readonly usedLayer: CellLayer;
	private readonly leakedLayer: CellLayer;
	private readonly movedLayer: CellLayer;

	/** `fill` adds every used and leaked block through addUsed and addLeaked: how a map starts being kept. */
	constructor(
		readonly cellCount: number,
		spanBytes: number,
		private readonly fill: (map: HeapMap) => void = () => {},
	) {
		this.cellBytes = Math.max(1, Math.ceil(spanBytes / cellCount));
		this.usedLayer = new CellLayer(cellCount);
		this.leakedLayer = new CellLayer(cellCount);
		this.movedLayer = new CellLayer(cellCount);
	}

	/** Bumped on every change so a view can skip redrawing an unchanged map. */
	get version(): number {
		this.track();
		return this.changes;
	}

	/** True once used and leaked bytes are kept per event. */
	get tracking(): boolean {
		return this.live;
	}

	/** Start keeping used and leaked bytes (filled from the blocks now); reading the map does this itself. */
	track(): void {
		if (this.live) return;
		this.live = true;
		this.usedLayer.clear();
		this.leakedLayer.clear();
		this.fill(this);
		this.changes++;
	}

	/** Used bytes per cell (a view refreshed on read; do not keep it across changes). */
	get used(): Float64Array {
		this.track();
		return this.usedLayer.cells(this.cellBytes);
	}

	/** Leaked bytes per cell. */
	get leaked(): Float64Array {
		this.track();
		return this.leakedLayer.cells(this.cellBytes);
	}

	/** Bytes moved by the last collection, per cell. */
	get moved(): Float64Array {
		return this.movedLayer.cells(this.cellBytes);
	}

	/** Make sure addresses up to `end` map to a cell. */
	cover(end: number): void {
		while (end > this.cellBytes * this.cellCount) this.coarsen();
	}

	addUsed(addr: number, size: number, sign: 1 | -1): void {
		if (this.live) this.spread(this.usedLayer, addr, size, sign);
	}

	addLeaked(addr: number, size: number, sign: 1 | -1): void {
		if (this.live) this.spread(this.leakedLayer, addr, size, sign);
	}

	addMoved(addr: number, size: number): void {
		this.spread(this.movedLayer, addr, size, 1);
	}

	clearMoved(): void {
		this.movedLayer.clear();
		this.changes++;
	}

	reset(): void {
		this.usedLayer.clear();
		this.leakedLayer.clear();
		this.movedLayer.clear();
		this.changes++;
	}

	private spread(layer: CellLayer, addr: number, size: number, sign: 1 | -1): void {
		if (size <= 0) return;
		const end = addr + size;
		if (end > this.cellBytes * this.cellCount) this.cover(end);
		layer.add(addr, end, this.cellBytes, sign);
		this.changes++;
	}

	private coarsen(): void {
		const cellBytes = this.cellBytes;
		// Three calls, not a loop over a new array: a growing heap coarsens its map a few times a run.
		this.usedLayer.halve(cellBytes);
		this.leakedLayer.halve(cellBytes);
		this.movedLayer.halve(cellBytes);
		this.cellBytes = cellBytes * 2;
		this.changes++;
	}
}

/** A layer's arrays before its first use. */
const noCells = new Float64Array(0);

/**
 * One quantity per cell: partly covered end cells in `edges`, wholly covered runs as differences in `whole`.
 * The arrays come with the first write or read: a headless run keeps no map, and zeroing three layers of
 * 4096 cells for every simulation pushed a short trace's own data out of the cache (a 27-event valgrind
 * log replayed 10% slower under first-fit for it).
 */
class CellLayer {
	private edges = noCells;
	/** +n at a run's first whole cell, -n after its last: a prefix sum gives whole coverings per cell. */
	private whole = noCells;
	private folded = noCells;
	private stale = false;
	/** Nothing added since the last clear (leaked and moved bytes usually): halving has nothing to merge. */
	private empty = true;

	constructor(private readonly count: number) {}

	add(addr: number, end: number, cellBytes: number, sign: 1 | -1): void {
		if (this.edges === noCells) this.allocate();
		const first = Math.floor(addr / cellBytes);
		const last = Math.floor((end - 1) / cellBytes);
		const edges = this.edges;
		if (first === last) {
			edges[first] = edges[first]! + sign * (end - addr);
		} else {
			edges[first] = edges[first]! + sign * ((first + 1) * cellBytes - addr);
			edges[last] = edges[last]! + sign * (end - last * cellBytes);
			if (last > first + 1) {
				this.whole[first + 1] = this.whole[first + 1]! + sign;
				this.whole[last] = this.whole[last]! - sign;
			}
		}
		this.stale = true;
		this.empty = false;
	}

	cells(cellBytes: number): Float64Array {
		if (this.edges === noCells) this.allocate();
		if (!this.stale) return this.folded;
		let covering = 0;
		for (let i = 0; i < this.count; i++) {
			covering += this.whole[i]!;
			this.folded[i] = this.edges[i]! + covering * cellBytes;
		}
		this.stale = false;
		return this.folded;
	}

	/** Merge neighbouring cells pairwise as the cell size doubles from `cellBytes`. */
	halve(cellBytes: number): void {
		if (this.empty) return;
		const cells = this.cells(cellBytes);
		const half = this.count / 2;
		for (let i = 0; i < half; i++) this.edges[i] = cells[2 * i]! + cells[2 * i + 1]!;
		this.edges.fill(0, Math.floor(half));
		this.whole.fill(0);
		this.stale = true;
	}

	clear(): void {
		if (this.empty) return;
		this.edges.fill(0);
		this.whole.fill(0);
		this.folded.fill(0);
		this.stale = false;
		this.empty = true;
	}

	private allocate(): void {
		this.edges = new Float64Array(this.count);
		this.whole = new Float64Array(this.count + 1);
		this.folded = new Float64Array(this.count);
	}
}
