/**
 * The block table: every block of the heap, used or free, as one row of struct-of-arrays typed storage
 * addressed by an integer handle. No object per block: at a million live blocks this is a few tens of MB.
 * Handles of dead rows are recycled through a stack so the table stays dense.
 */
export const none = -1;

export const BlockFlag = {
	free: 1,
	/** Flagged by a leak detector; drawn as leaked on the heap map. */
	leaked: 2,
	/** Moved by the last collection. */
	moved: 4,
	/** Space a collector holds back (the idle semispace): neither free nor a program object. */
	reserved: 8,
	/** The row is in use (a block exists); cleared when the row is recycled. */
	row: 16,
} as const;

export class BlockTable {
	capacity: number;
	addr: Float64Array;
	/** Block bytes, header and padding included. */
	size: Float64Array;
	/** Payload bytes the program asked for (0 for a free block). */
	request: Float64Array;
	prev: Int32Array;
	next: Int32Array;
	flags: Uint8Array;
	site: Int32Array;
	owner: Int32Array;
	/** The workload's id for this block (trace id), for dumps and reverse lookups. */
	extId: Float64Array;
	/** Event number at which the block was allocated. */
	born: Float64Array;
	/** Time (events plus ticks) of the last allocation, touch or realloc. */
	lastTouch: Float64Array;

	private freeHandles: Int32Array;
	private freeHandleCount = 0;
	private used = 0;
	private readonly growListeners: Array<(capacity: number) => void> = [];

	constructor(initialCapacity = 1024) {
		this.capacity = initialCapacity;
		this.addr = new Float64Array(initialCapacity);
		this.size = new Float64Array(initialCapacity);
		this.request = new Float64Array(initialCapacity);
		this.prev = new Int32Array(initialCapacity);
		this.next = new Int32Array(initialCapacity);
		this.flags = new Uint8Array(initialCapacity);
		this.site = new Int32Array(initialCapacity);
		this.owner = new Int32Array(initialCapacity);
		this.extId = new Float64Array(initialCapacity);
		this.born = new Float64Array(initialCapacity);
		this.lastTouch = new Float64Array(initialCapacity);
		this.freeHandles = new Int32Array(initialCapacity);
	}

	/** Rows ever handed out (the high-water of handles); valid handles are below this. */
	get handleLimit(): number {
		return this.used;
	}

	/** Called with the new capacity whenever the table grows, so per-handle side tables can follow. */
	onGrow(listener: (capacity: number) => void): void {
		this.growListeners.push(listener);
	}

	create(addr: number, size: number, flags: number): number {
		let h: number;
		if (this.freeHandleCount > 0) {
			h = this.freeHandles[--this.freeHandleCount]!;
		} else {
			if (this.used === this.capacity) this.grow();
			h = this.used++;
		}
		this.addr[h] = addr;
		this.size[h] = size;
		this.request[h] = 0;
		this.prev[h] = none;
		this.next[h] = none;
		this.flags[h] = flags | BlockFlag.row;
		// site, owner, extId, born and lastTouch mean something only while a block is used, and whatever
		// makes a block used writes them (the heap's markUsed, the simulation's placement): a freed block
		// keeps its old ones too. Not clearing them here saves five stores on every split.
		return h;
	}

	destroy(h: number): void {
		this.flags[h] = 0;
		this.size[h] = 0;
		this.freeHandles[this.freeHandleCount++] = h;
	}

	isAlive(h: number): boolean {
		return h >= 0 && h < this.used && (this.flags[h]! & BlockFlag.row) !== 0;
	}

	isFree(h: number): boolean {
		return (this.flags[h]! & BlockFlag.free) !== 0;
	}

	private grow(): void {
		const capacity = this.capacity * 2;
		this.addr = growFloat(this.addr, capacity);
		this.size = growFloat(this.size, capacity);
		this.request = growFloat(this.request, capacity);
		this.prev = growInt(this.prev, capacity);
		this.next = growInt(this.next, capacity);
		const flags = new Uint8Array(capacity);
		flags.set(this.flags);
		this.flags = flags;
		this.site = growInt(this.site, capacity);
		this.owner = growInt(this.owner, capacity);
		this.extId = growFloat(this.extId, capacity);
		this.born = growFloat(this.born, capacity);
		this.lastTouch = growFloat(this.lastTouch, capacity);
		this.freeHandles = growInt(this.freeHandles, capacity);
		this.capacity = capacity;
		for (const listener of this.growListeners) listener(capacity);
	}
}

export function growInt(array: Int32Array, capacity: number, fill?: number): Int32Array<ArrayBuffer> {
	const grown = new Int32Array(capacity);
	grown.set(array);
	if (fill !== undefined) grown.fill(fill, array.length);
	return grown;
}

export function growFloat(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
	const grown = new Float64Array(capacity);
	grown.set(array);
	return grown;
}
