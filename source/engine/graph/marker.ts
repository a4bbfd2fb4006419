import {BlockFlag, growInt} from '../blocks.js';
import {letGo, type ObjectGraph} from './object-graph.js';

/**
 * Marking without recursion: a breadth-first trace whose work queue is the list of marked handles
 * itself, which is exactly Cheney's scan over to-space (a copying collector lays survivors out in
 * `order`). Mark bits are a bitmap (a million blocks fit in 128 KB, which stays in cache while the
 * trace jumps around); the queue and the bitmap are typed arrays kept between marks. A chain of a
 * million links is a million loop turns, never a million stack frames.
 */
export class Marker {
	/** Marked handles in the order they were reached; `order[0..count)`. */
	order: Int32Array;
	count = 0;
	/** Edges followed by the last trace. */
	tracedEdges = 0;
	private bits: Uint32Array;
	private scan = 0;

	constructor(private readonly graph: ObjectGraph) {
		const capacity = graph.blocks.capacity;
		this.order = new Int32Array(capacity);
		this.bits = new Uint32Array((capacity >>> 5) + 1);
		graph.blocks.onGrow(grown => {
			this.order = growInt(this.order, grown);
			const bits = new Uint32Array((grown >>> 5) + 1);
			bits.set(this.bits);
			this.bits = bits;
		});
	}

	/** Start a new mark: every block unmarked. */
	begin(): void {
		this.bits.fill(0, 0, (this.graph.blocks.handleLimit >>> 5) + 1);
		this.count = 0;
		this.scan = 0;
		this.tracedEdges = 0;
	}

	isMarked(h: number): boolean {
		return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0;
	}

	/** Mark h and queue it for tracing, unless it is marked already. */
	reach(h: number): void {
		const word = h >>> 5;
		const bit = 1 << (h & 31);
		if ((this.bits[word]! & bit) === 0) {
			this.bits[word] = this.bits[word]! | bit;
			this.order[this.count++] = h;
		}
	}

	/** Queue every root at or above `floorAddr` (explicit roots, or in the plain-malloc reading every block still held). */
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
	 * Follow edges from everything queued until the queue is empty; returns the number marked. With a
	 * `floorAddr`, only blocks at or above it are followed: a minor collection traces the nursery and
	 * takes the old generation as live.
	 */
	trace(floorAddr?: number): number {
		const span = this.graph.outSpan;
		const targets = this.graph.pool.to;
		const bits = this.bits;
		const order = this.order;
		const addr = this.graph.blocks.addr;
		const floor = floorAddr ?? -Infinity;
		const everything = floorAddr === undefined;
		let count = this.count;
		let scan = this.scan;
		let edges = 0;
		while (scan < count) {
			const h = order[scan++]!;
			const start = span[2 * h]!;
			const end = start + span[2 * h + 1]!;
			edges += end - start;
			for (let i = start; i < end; i++) {
				const t = targets[i]!;
				const word = t >>> 5;
				const bit = 1 << (t & 31);
				if ((bits[word]! & bit) === 0 && (everything || addr[t]! >= floor)) {
					bits[word] = bits[word]! | bit;
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
