import {growInt, none} from '../blocks.js';
import type {Marker} from './marker.js';
import type {ObjectGraph} from './object-graph.js';

/** Blocks a backward search may visit before a full mark is cheaper to reason about. */
const searchBudget = 4096;

/**
 * "Does a reachable block still reference h?", asked when the program frees h (the dangling-free
 * check). Usually h has no referrers left and the answer costs one load; otherwise a backward
 * breadth-first search over in-edges looks for a root, not passing through h itself (a referrer
 * that only h keeps alive dies with it). Past a budget it falls back on a full forward mark and asks
 * whether a direct referrer is marked, which can only err towards reporting a cycle through h.
 */
export class ReferrerSearch {
	private stamp: Int32Array;
	/** For each queued block, the direct referrer of h its search started from. */
	private origin: Int32Array;
	private queue: Int32Array;
	private epoch = 0;

	constructor(
		private readonly graph: ObjectGraph,
		private readonly marker: Marker,
	) {
		const capacity = graph.blocks.capacity;
		this.stamp = new Int32Array(capacity);
		this.origin = new Int32Array(capacity);
		this.queue = new Int32Array(capacity);
		graph.blocks.onGrow(grown => {
			this.stamp = growInt(this.stamp, grown);
			this.origin = growInt(this.origin, grown);
			this.queue = growInt(this.queue, grown);
		});
	}

	/** A direct referrer of h that is reachable from a root, or -1 when none is. */
	reachableReferrer(h: number): number {
		const graph = this.graph;
		if (graph.inDegree[h] === 0) return none;
		if (++this.epoch === 0x7fffffff) {
			this.stamp.fill(0);
			this.epoch = 1;
		}
		const epoch = this.epoch;
		this.stamp[h] = epoch;
		let count = 0;
		for (let e = graph.firstIn(h); e !== none; e = graph.nextIn(e)) {
			const from = graph.edgeFrom[e]!;
			if (this.stamp[from] === epoch) continue;
			this.stamp[from] = epoch;
			this.origin[from] = from;
			this.queue[count++] = from;
		}
		for (let scan = 0; scan < count; scan++) {
			const x = this.queue[scan]!;
			if (graph.isRoot(x)) return this.origin[x]!;
			if (count > searchBudget) return this.byFullMark(h);
			for (let e = graph.firstIn(x); e !== none; e = graph.nextIn(e)) {
				const from = graph.edgeFrom[e]!;
				if (this.stamp[from] === epoch) continue;
				this.stamp[from] = epoch;
				this.origin[from] = this.origin[x]!;
				this.queue[count++] = from;
			}
		}
		return none;
	}

	private byFullMark(h: number): number {
		this.marker.markAll();
		const graph = this.graph;
		for (let e = graph.firstIn(h); e !== none; e = graph.nextIn(e)) {
			const from = graph.edgeFrom[e]!;
			if (from !== h && this.marker.isMarked(from)) return from;
		}
		return none;
	}
}
