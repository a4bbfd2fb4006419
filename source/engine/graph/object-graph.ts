import {BlockFlag, type BlockTable, growFloat, growInt, none} from '../blocks.js';
import {SegmentPool} from './segment-pool.js';

/** Per-block reclamation state, one byte a block (bits). */
export const BlockState = {
	/** The program freed it in gc mode: it is no longer its own root and waits for the collector. */
	dropped: 1,
	/** Freed in lazy mode and queued; the memory comes back at the next batch. */
	pending: 2,
	/** Already counted in an alert of this kind: a block counts once per kind in its lifetime. */
	unreachable: 4,
	stale: 8,
	ownerEnd: 16,
} as const;

/** A block the program has let go of (freed in gc or lazy mode): never a root, never "held". */
export const letGo = BlockState.dropped | BlockState.pending;

/**
 * The object graph over block handles: a multigraph (`ref a b` twice needs `unref a b` twice). Each
 * edge is a record in typed arrays; a block's out-edges sit contiguously in a segment of the pool
 * (`outSpan[2h]` is its first slot, `outSpan[2h + 1]` its out-degree) for marking, and its in-edges
 * are a doubly linked list of records. Removing one edge scans the shorter of the source's segment
 * and the target's in-list, so a bus holding a million listeners unrefs one in O(1) through the
 * listener's in-list; dropping every edge of a freed block is O(its degree). Roots are counted per
 * block and kept in a dense list so marking starts from them without scanning the block table.
 *
 * `implicitRoots` is the plain-malloc reading of a trace without `ref`/`root`: every live block the
 * program has not let go of is a root.
 */
export class ObjectGraph {
	implicitRoots = false;
	/** Some block has edges, a root or state bits: the slow paths must run on free. */
	active = false;
	readonly pool = new SegmentPool();
	/** Per block: [first slot, out-degree] of its out-edge segment. */
	outSpan: Int32Array;
	private outCapacity: Int32Array;
	inHead: Int32Array;
	inDegree: Int32Array;
	rootCount: Int32Array;
	state: Uint8Array;
	/** Event number of the last time an edge into the block or its root went away (leak-check grace). */
	lastDetach: Float64Array;
	/** Handles with rootCount > 0, dense, `roots[0..rootTotal)`. */
	roots: Int32Array;
	rootTotal = 0;
	private rootSlot: Int32Array;

	// Edge records; the free list is threaded through inNext.
	edgeFrom: Int32Array;
	edgeTo: Int32Array;
	private edgeSlot: Int32Array;
	private inNext: Int32Array;
	private inPrev: Int32Array;
	edgeCount = 0;
	private edgeLimit = 0;
	private freeEdge = none;

	constructor(readonly blocks: BlockTable, edgeCapacity = 1024) {
		const n = blocks.capacity;
		this.outSpan = new Int32Array(2 * n);
		this.outCapacity = new Int32Array(n);
		this.inHead = new Int32Array(n).fill(none);
		this.inDegree = new Int32Array(n);
		this.rootCount = new Int32Array(n);
		this.rootSlot = new Int32Array(n).fill(none);
		this.roots = new Int32Array(n);
		this.state = new Uint8Array(n);
		this.lastDetach = new Float64Array(n);
		this.edgeFrom = new Int32Array(edgeCapacity);
		this.edgeTo = new Int32Array(edgeCapacity);
		this.edgeSlot = new Int32Array(edgeCapacity);
		this.inNext = new Int32Array(edgeCapacity);
		this.inPrev = new Int32Array(edgeCapacity);
		blocks.onGrow(capacity => this.growHandles(capacity));
	}

	/** A live program block: a row in use, neither free space nor a collector's reserve. */
	isProgramBlock(h: number): boolean {
		return (this.blocks.flags[h]! & (BlockFlag.row | BlockFlag.free | BlockFlag.reserved)) === BlockFlag.row;
	}

	isRoot(h: number): boolean {
		if (this.rootCount[h]! > 0) return true;
		return this.implicitRoots && this.isProgramBlock(h) && (this.state[h]! & letGo) === 0;
	}

	outDegree(h: number): number {
		return this.outSpan[2 * h + 1]!;
	}

	addEdge(from: number, to: number): void {
		this.active = true;
		const e = this.takeEdgeRecord();
		this.edgeFrom[e] = from;
		this.edgeTo[e] = to;
		const degree = this.outSpan[2 * from + 1]!;
		if (degree === this.outCapacity[from]) this.growSegment(from, degree);
		const slot = this.outSpan[2 * from]! + degree;
		this.pool.to[slot] = to;
		this.pool.edge[slot] = e;
		this.edgeSlot[e] = slot;
		this.outSpan[2 * from + 1] = degree + 1;
		const head = this.inHead[to]!;
		this.inPrev[e] = none;
		this.inNext[e] = head;
		if (head !== none) this.inPrev[head] = e;
		this.inHead[to] = e;
		this.inDegree[to]!++;
		this.edgeCount++;
	}

	/** Remove one edge from -> to; false when there is none. */
	removeEdge(from: number, to: number): boolean {
		let e = none;
		const start = this.outSpan[2 * from]!;
		const degree = this.outSpan[2 * from + 1]!;
		if (degree <= this.inDegree[to]!) {
			const targets = this.pool.to;
			for (let i = start; i < start + degree; i++) {
				if (targets[i] === to) {
					e = this.pool.edge[i]!;
					break;
				}
			}
		} else {
			for (let x = this.inHead[to]!; x !== none; x = this.inNext[x]!) {
				if (this.edgeFrom[x] === from) {
					e = x;
					break;
				}
			}
		}
		if (e === none) return false;
		this.unlinkEdge(e);
		return true;
	}

	addRoot(h: number): void {
		this.active = true;
		if (this.rootCount[h]!++ === 0) {
			this.rootSlot[h] = this.rootTotal;
			this.roots[this.rootTotal++] = h;
		}
	}

	/** Drop one root count; false when the block was not a root. */
	removeRoot(h: number): boolean {
		if (this.rootCount[h]! <= 0) return false;
		if (--this.rootCount[h]! === 0) this.unlistRoot(h);
		return true;
	}

	setState(h: number, bits: number): void {
		this.active = true;
		this.state[h] = this.state[h]! | bits;
	}

	/** Remove every edge out of h; their targets count as detached now (for the leak-check grace). */
	dropOutEdges(h: number, event: number): void {
		for (let degree = this.outSpan[2 * h + 1]!; degree > 0; degree--) {
			// The last edge first: removing it moves nothing.
			const e = this.pool.edge[this.outSpan[2 * h]! + degree - 1]!;
			this.lastDetach[this.edgeTo[e]!] = event;
			this.unlinkEdge(e);
		}
	}

	/** Forget everything about h (it is being released): edges both ways, roots, state. */
	forget(h: number, event: number): void {
		this.dropOutEdges(h, event);
		for (let e = this.inHead[h]!; e !== none; e = this.inHead[h]!) this.unlinkEdge(e);
		if (this.outCapacity[h]! > 0) {
			this.pool.give(this.outSpan[2 * h]!, this.outCapacity[h]!);
			this.outCapacity[h] = 0;
			this.outSpan[2 * h] = 0;
		}
		if (this.rootCount[h]! > 0) {
			this.rootCount[h] = 0;
			this.unlistRoot(h);
		}
		this.state[h] = 0;
		this.lastDetach[h] = 0;
	}

	/** The first edge into h (-1 when none) and the next one after e: allocation-free iteration. */
	firstIn(h: number): number {
		return this.inHead[h]!;
	}

	nextIn(e: number): number {
		return this.inNext[e]!;
	}

	private unlinkEdge(e: number): void {
		const from = this.edgeFrom[e]!;
		const to = this.edgeTo[e]!;
		// Out-segment: move the last edge into the hole.
		const slot = this.edgeSlot[e]!;
		const last = this.outSpan[2 * from]! + this.outSpan[2 * from + 1]! - 1;
		if (slot !== last) {
			const moved = this.pool.edge[last]!;
			this.pool.to[slot] = this.pool.to[last]!;
			this.pool.edge[slot] = moved;
			this.edgeSlot[moved] = slot;
		}
		this.outSpan[2 * from + 1]!--;
		const previous = this.inPrev[e]!;
		const next = this.inNext[e]!;
		if (previous === none) this.inHead[to] = next;
		else this.inNext[previous] = next;
		if (next !== none) this.inPrev[next] = previous;
		this.inDegree[to]!--;
		this.edgeCount--;
		this.inNext[e] = this.freeEdge;
		this.freeEdge = e;
	}

	/** h's segment is full: move its edges to one twice the size. */
	private growSegment(h: number, degree: number): void {
		const capacity = Math.max(2, 2 * this.outCapacity[h]!);
		const start = this.pool.take(capacity);
		const old = this.outSpan[2 * h]!;
		const {to, edge} = this.pool;
		for (let i = 0; i < degree; i++) {
			to[start + i] = to[old + i]!;
			edge[start + i] = edge[old + i]!;
			this.edgeSlot[edge[start + i]!] = start + i;
		}
		if (this.outCapacity[h]! > 0) this.pool.give(old, this.outCapacity[h]!);
		this.outSpan[2 * h] = start;
		this.outCapacity[h] = capacity;
	}

	private unlistRoot(h: number): void {
		const slot = this.rootSlot[h]!;
		const last = this.roots[--this.rootTotal]!;
		this.roots[slot] = last;
		this.rootSlot[last] = slot;
		this.rootSlot[h] = none;
	}

	private takeEdgeRecord(): number {
		if (this.freeEdge !== none) {
			const e = this.freeEdge;
			this.freeEdge = this.inNext[e]!;
			return e;
		}
		if (this.edgeLimit === this.edgeFrom.length) {
			const capacity = this.edgeFrom.length * 2;
			this.edgeFrom = growInt(this.edgeFrom, capacity);
			this.edgeTo = growInt(this.edgeTo, capacity);
			this.edgeSlot = growInt(this.edgeSlot, capacity);
			this.inNext = growInt(this.inNext, capacity);
			this.inPrev = growInt(this.inPrev, capacity);
		}
		return this.edgeLimit++;
	}

	private growHandles(capacity: number): void {
		this.outSpan = growInt(this.outSpan, 2 * capacity);
		this.outCapacity = growInt(this.outCapacity, capacity);
		this.inHead = growInt(this.inHead, capacity, none);
		this.inDegree = growInt(this.inDegree, capacity);
		this.rootCount = growInt(this.rootCount, capacity);
		this.rootSlot = growInt(this.rootSlot, capacity, none);
		this.roots = growInt(this.roots, capacity);
		const state = new Uint8Array(capacity);
		state.set(this.state);
		this.state = state;
		this.lastDetach = growFloat(this.lastDetach, capacity);
	}
}
