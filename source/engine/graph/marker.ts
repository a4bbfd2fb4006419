import {BlockFlag, growInt, none} from '../blocks.js';
import {letGo, type ObjectGraph} from './object-graph.js';

/**
 * Marking without recursion: a breadth-first trace whose work queue is the list of marked handles
 * itself, which is exactly Cheney's scan over to-space (a copying collector lays survivors out in
 * `order`). Mark bits are epoch stamps, so a new mark costs nothing to clear; the queue and the
 * stamps are typed arrays kept between marks. A chain of a million links is a million loop turns,
 * never a million stack frames.
 */
export class Marker {
	/** Marked handles in the order they were reached; `order[0..count)`. */
	order: Int32Array;
	count = 0;
	/** Edges followed by the last trace. */
	tracedEdges = 0;
	private stamp: Uint32Array;
	private epoch = 0;
	private scan = 0;

	constructor(private readonly graph: ObjectGraph) {
		const capacity = graph.blocks.capacity;
		this.order = new Int32Array(capacity);
		this.stamp = new Uint32Array(capacity);
		graph.blocks.onGrow(grown => {
			this.order = growInt(this.order, grown);
			const stamp = new Uint32Array(grown);
			stamp.set(this.stamp);
			this.stamp = stamp;
		});
	}

	/** Start a new mark: every block unmarked. */
	begin(): void {
		if (this.epoch === 0xffffffff) {
			this.stamp.fill(0);
			this.epoch = 0;
		}
		this.epoch++;
		this.count = 0;
		this.scan = 0;
		this.tracedEdges = 0;
	}

	isMarked(h: number): boolean {
		return this.stamp[h] === this.epoch;
	}

	/** Mark h and queue it for tracing, unless it is marked already. */
	reach(h: number): void {
		if (this.stamp[h] !== this.epoch) {
			this.stamp[h] = this.epoch;
			this.order[this.count++] = h;
		}
	}

	/** Queue every root (explicit roots, or in the plain-malloc reading every block still held). */
	reachRoots(floorAddr = -Infinity): void {
		const graph = this.graph;
		const addr = graph.blocks.addr;
		for (let i = 0; i < graph.rootTotal; i++) {
			const h = graph.roots[i]!;
			if (addr[h]! >= floorAddr) this.reach(h);
		}
		if (!graph.implicitRoots) return;
		const flags = graph.blocks.flags;
		const state = graph.state;
		const limit = graph.blocks.handleLimit;
		const mask = BlockFlag.row | BlockFlag.free | BlockFlag.reserved;
		for (let h = 0; h < limit; h++) {
			if ((flags[h]! & mask) === BlockFlag.row && (state[h]! & letGo) === 0 && addr[h]! >= floorAddr) this.reach(h);
		}
	}

	/**
	 * Follow edges from everything queued until the queue is empty. Only blocks at or above
	 * `floorAddr` are followed: a minor collection traces the nursery and takes the old generation as
	 * live. Returns the number of marked blocks.
	 */
	trace(floorAddr = -Infinity): number {
		const {outHead, outNext, edgeTo} = this.graph;
		const addr = this.graph.blocks.addr;
		const stamp = this.stamp;
		const order = this.order;
		const epoch = this.epoch;
		let count = this.count;
		let scan = this.scan;
		let edges = 0;
		while (scan < count) {
			const h = order[scan++]!;
			for (let e = outHead[h]!; e !== none; e = outNext[e]!) {
				edges++;
				const t = edgeTo[e]!;
				if (stamp[t] !== epoch && addr[t]! >= floorAddr) {
					stamp[t] = epoch;
					order[count++] = t;
				}
			}
		}
		this.count = count;
		this.scan = scan;
		this.tracedEdges += edges;
		return count;
	}

	/** A full mark from the roots; returns the number of reachable blocks. */
	markAll(): number {
		this.begin();
		this.reachRoots();
		return this.trace();
	}
}
