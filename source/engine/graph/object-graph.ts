import {BlockFlag, type BlockTable, growFloat, growInt, none} from '../blocks.js';

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
 * The object graph over block handles: a multigraph (`ref a b` twice needs `unref a b` twice) whose
 * edges are records in typed arrays, each threaded on two doubly linked lists, the source's out-list
 * and the target's in-list. Removing one edge scans the shorter of the two lists, so a bus holding a
 * million listeners unrefs one in O(1) through the listener's in-list; dropping every edge of a freed
 * block is O(its degree). Roots are counted per block (`root` twice needs `unroot` twice) and kept in
 * a dense list so marking starts from them without scanning the block table.
 *
 * `implicitRoots` is the plain-malloc reading of a trace without `ref`/`root`: every live block the
 * program has not let go of is a root.
 */
export class ObjectGraph {
	implicitRoots = false;
	/** Some block has edges, a root or state bits: the slow paths must run on free. */
	active = false;
	outHead: Int32Array;
	inHead: Int32Array;
	outDegree: Int32Array;
	inDegree: Int32Array;
	rootCount: Int32Array;
	state: Uint8Array;
	/** Event number of the last time an edge into the block or its root went away (leak-check grace). */
	lastDetach: Float64Array;
	/** Handles with rootCount > 0, dense; rootSlot[h] is h's index there or -1. */
	roots: Int32Array;
	rootTotal = 0;
	private rootSlot: Int32Array;

	// Edge records.
	edgeFrom: Int32Array;
	edgeTo: Int32Array;
	outNext: Int32Array;
	private outPrev: Int32Array;
	private inNext: Int32Array;
	private inPrev: Int32Array;
	edgeCount = 0;
	private edgeLimit = 0;
	private freeEdge = none;

	constructor(readonly blocks: BlockTable, edgeCapacity = 1024) {
		const n = blocks.capacity;
		this.outHead = new Int32Array(n).fill(none);
		this.inHead = new Int32Array(n).fill(none);
		this.outDegree = new Int32Array(n);
		this.inDegree = new Int32Array(n);
		this.rootCount = new Int32Array(n);
		this.rootSlot = new Int32Array(n).fill(none);
		this.roots = new Int32Array(n);
		this.state = new Uint8Array(n);
		this.lastDetach = new Float64Array(n);
		this.edgeFrom = new Int32Array(edgeCapacity);
		this.edgeTo = new Int32Array(edgeCapacity);
		this.outNext = new Int32Array(edgeCapacity);
		this.outPrev = new Int32Array(edgeCapacity);
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

	addEdge(from: number, to: number): void {
		this.active = true;
		const e = this.takeEdgeRecord();
		this.edgeFrom[e] = from;
		this.edgeTo[e] = to;
		this.outPrev[e] = none;
		this.outNext[e] = this.outHead[from]!;
		if (this.outHead[from] !== none) this.outPrev[this.outHead[from]!] = e;
		this.outHead[from] = e;
		this.inPrev[e] = none;
		this.inNext[e] = this.inHead[to]!;
		if (this.inHead[to] !== none) this.inPrev[this.inHead[to]!] = e;
		this.inHead[to] = e;
		this.outDegree[from]!++;
		this.inDegree[to]!++;
		this.edgeCount++;
	}

	/** Remove one edge from -> to; false when there is none. */
	removeEdge(from: number, to: number): boolean {
		let e = none;
		if (this.outDegree[from]! <= this.inDegree[to]!) {
			for (let x = this.outHead[from]!; x !== none; x = this.outNext[x]!) {
				if (this.edgeTo[x] === to) {
					e = x;
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

	clearState(h: number, bits: number): void {
		this.state[h] = this.state[h]! & ~bits;
	}

	/** Remove every edge out of h; their targets count as detached now (for the leak-check grace). */
	dropOutEdges(h: number, event: number): void {
		for (let e = this.outHead[h]!; e !== none; e = this.outHead[h]!) {
			this.lastDetach[this.edgeTo[e]!] = event;
			this.unlinkEdge(e);
		}
	}

	/** Forget everything about h (it is being released): edges both ways, roots, state. */
	forget(h: number, event: number): void {
		this.dropOutEdges(h, event);
		for (let e = this.inHead[h]!; e !== none; e = this.inHead[h]!) this.unlinkEdge(e);
		if (this.rootCount[h]! > 0) {
			this.rootCount[h] = 0;
			this.unlistRoot(h);
		}
		this.state[h] = 0;
		this.lastDetach[h] = 0;
	}

	private unlinkEdge(e: number): void {
		const from = this.edgeFrom[e]!;
		const to = this.edgeTo[e]!;
		const op = this.outPrev[e]!;
		const on = this.outNext[e]!;
		if (op === none) this.outHead[from] = on;
		else this.outNext[op] = on;
		if (on !== none) this.outPrev[on] = op;
		const ip = this.inPrev[e]!;
		const inn = this.inNext[e]!;
		if (ip === none) this.inHead[to] = inn;
		else this.inNext[ip] = inn;
		if (inn !== none) this.inPrev[inn] = ip;
		this.outDegree[from]!--;
		this.inDegree[to]!--;
		this.edgeCount--;
		this.outNext[e] = this.freeEdge;
		this.freeEdge = e;
	}

	/** Index of the first edge into h (-1 when none) and the next one after e: allocation-free iteration. */
	firstIn(h: number): number {
		return this.inHead[h]!;
	}

	nextIn(e: number): number {
		return this.inNext[e]!;
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
			this.freeEdge = this.outNext[e]!;
			return e;
		}
		if (this.edgeLimit === this.edgeFrom.length) {
			const capacity = this.edgeFrom.length * 2;
			this.edgeFrom = growInt(this.edgeFrom, capacity);
			this.edgeTo = growInt(this.edgeTo, capacity);
			this.outNext = growInt(this.outNext, capacity);
			this.outPrev = growInt(this.outPrev, capacity);
			this.inNext = growInt(this.inNext, capacity);
			this.inPrev = growInt(this.inPrev, capacity);
		}
		return this.edgeLimit++;
	}

	private growHandles(capacity: number): void {
		this.outHead = growInt(this.outHead, capacity, none);
		this.inHead = growInt(this.inHead, capacity, none);
		this.outDegree = growInt(this.outDegree, capacity);
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
