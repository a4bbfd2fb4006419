/**
 * Per-cell summaries of the address space for the Heap pane's occupancy map, kept incrementally:
 * every allocation, free, leak flag and move updates the cells its range covers, so drawing a frame
 * never walks the blocks. The address space is cut into `cellCount` cells of `cellBytes` each; when a
 * growable heap outgrows them, cell size doubles and neighbouring cells merge (O(cells), rare).
 */
export class HeapMap {
	cellBytes: number;
	readonly used: Float64Array;
	readonly leaked: Float64Array;
	readonly moved: Float64Array;
	/** Bumped on every change so a view can skip redrawing an unchanged map. */
	version = 0;

	constructor(
		readonly cellCount: number,
		spanBytes: number,
	) {
		this.cellBytes = Math.max(1, Math.ceil(spanBytes / cellCount));
		this.used = new Float64Array(cellCount);
		this.leaked = new Float64Array(cellCount);
		this.moved = new Float64Array(cellCount);
	}

	/** Make sure addresses up to `end` map to a cell. */
	cover(end: number): void {
		while (end > this.cellBytes * this.cellCount) this.coarsen();
	}

	addUsed(addr: number, size: number, sign: 1 | -1): void {
		this.spread(this.used, addr, size, sign);
	}

	addLeaked(addr: number, size: number, sign: 1 | -1): void {
		this.spread(this.leaked, addr, size, sign);
	}

	addMoved(addr: number, size: number): void {
		this.spread(this.moved, addr, size, 1);
	}

	clearMoved(): void {
		this.moved.fill(0);
		this.version++;
	}

	reset(): void {
		this.used.fill(0);
		this.leaked.fill(0);
		this.moved.fill(0);
		this.version++;
	}

	private spread(cells: Float64Array, addr: number, size: number, sign: 1 | -1): void {
		if (size <= 0) return;
		this.cover(addr + size);
		const cellBytes = this.cellBytes;
		let cell = Math.floor(addr / cellBytes);
		let start = addr;
		const end = addr + size;
		while (start < end) {
			const cellEnd = (cell + 1) * cellBytes;
			const piece = (cellEnd < end ? cellEnd : end) - start;
			cells[cell] = cells[cell]! + sign * piece;
			start += piece;
			cell++;
		}
		this.version++;
	}

	private coarsen(): void {
		for (const cells of [this.used, this.leaked, this.moved]) {
			for (let i = 0; i < this.cellCount / 2; i++) cells[i] = cells[2 * i]! + cells[2 * i + 1]!;
			cells.fill(0, Math.floor(this.cellCount / 2));
		}
		this.cellBytes *= 2;
		this.version++;
	}
}
