import type {Marker} from '../graph/marker.js';
import type {ObjectGraph} from '../graph/object-graph.js';

/**
 * The old blocks that may reference young ones (object remembering, as in Ungar's generation
 * scavenging): a minor collection treats their young targets as roots, so it never has to trace the
 * old generation. The write barrier adds to it; a cycle rebuilds it from the blocks that can still
 * hold such a reference. A flag per handle keeps the list free of duplicates.
 */
export class RememberedSet {
	private flag = new Uint8Array(0);
	private list: number[] = [];

	constructor(private readonly graph: ObjectGraph) {}

	get size(): number {
		return this.list.length;
	}

	has(h: number): boolean {
		return h < this.flag.length && this.flag[h] === 1;
	}

	add(h: number): void {
		this.ensure(h);
		if (this.flag[h] === 1) return;
		this.flag[h] = 1;
		this.list.push(h);
	}

	/** h is being released; its stale list entry is skipped and dropped at the next rebuild. */
	forget(h: number): void {
		if (h < this.flag.length) this.flag[h] = 0;
	}

	clear(): void {
		for (const h of this.list) this.flag[h] = 0;
		this.list = [];
	}

	/** Queue the young targets (at or above `youngFrom`) of every remembered block. */
	reachYoungTargets(marker: Marker, youngFrom: number): void {
		const {outSpan, pool, blocks} = this.graph;
		for (const h of this.list) {
			if (this.flag[h] !== 1) continue;
			const start = outSpan[2 * h]!;
			for (let i = start; i < start + outSpan[2 * h + 1]!; i++) {
				const t = pool.to[i]!;
				if (blocks.addr[t]! >= youngFrom) marker.reach(t);
			}
		}
	}

	/** Keep exactly the old blocks among the current members and `candidates` that reference a young block. */
	rebuild(candidates: Iterable<number>, youngFrom: number): void {
		const previous = this.list.filter(h => this.flag[h] === 1);
		this.clear();
		for (const h of previous) this.consider(h, youngFrom);
		for (const h of candidates) this.consider(h, youngFrom);
	}

	/** Remember h when it is old and references a young block. */
	consider(h: number, youngFrom: number): void {
		const {outSpan, pool, blocks} = this.graph;
		if (blocks.addr[h]! >= youngFrom || !this.graph.isProgramBlock(h)) return;
		const start = outSpan[2 * h]!;
		for (let i = start; i < start + outSpan[2 * h + 1]!; i++) {
			if (blocks.addr[pool.to[i]!]! >= youngFrom) {
				this.add(h);
				return;
			}
		}
	}

	private ensure(h: number): void {
		if (h < this.flag.length) return;
		const grown = new Uint8Array(Math.max(1024, this.graph.blocks.capacity, h + 1));
		grown.set(this.flag);
		this.flag = grown;
	}
}
