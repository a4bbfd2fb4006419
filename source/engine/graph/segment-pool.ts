import {growInt} from '../blocks.js';

/**
 * Storage for every block's out-edges: one contiguous segment per block in two parallel typed
 * arrays (`to`: the target handle, read by marking; `edge`: the edge record, read when an edge
 * moves). Segments have power-of-two capacities and freed ones are reused per capacity, so the pool
 * stays within about twice the edges it holds. Contiguous targets are what makes marking fast: a
 * linked list costs a cache miss per edge, a segment one per block.
 */
export class SegmentPool {
	to: Int32Array;
	edge: Int32Array;
	private top = 0;
	private readonly freeByClass: number[][] = [];

	constructor(capacity = 1024) {
		this.to = new Int32Array(capacity);
		this.edge = new Int32Array(capacity);
	}

	/** A segment of `capacity` slots (a power of two); returns its first slot. */
	take(capacity: number): number {
		const reusable = this.freeByClass[31 - Math.clz32(capacity)];
		if (reusable !== undefined && reusable.length > 0) return reusable.pop()!;
		if (this.top + capacity > this.to.length) {
			let length = this.to.length * 2;
			while (this.top + capacity > length) length *= 2;
			this.to = growInt(this.to, length);
			this.edge = growInt(this.edge, length);
		}
		const start = this.top;
		this.top += capacity;
		return start;
	}

	give(start: number, capacity: number): void {
		const sizeClass = 31 - Math.clz32(capacity);
		(this.freeByClass[sizeClass] ??= []).push(start);
	}
}
