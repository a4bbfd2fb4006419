import {Op} from '../../engine/events.js';
import {GeneratorSource} from './generator-source.js';

const capacity = 256;
/** Distinct keys requested: four times the capacity, so the cache misses and evicts steadily. */
const keySpace = 1024;

interface Entry {
	node: number;
	value: number;
}

/**
 * A steady LRU cache in front of a slow store: requests for keys drawn with a skew (a few hot keys,
 * a long cold tail) either hit, touching the entry, or miss and insert it, evicting the least
 * recently used entry once the cache is full. Eviction unreferences and frees both the entry and
 * its value, so the live set stays at `capacity` entries forever: this is a healthy workload that
 * must raise no leak alert, even though cold entries sit untouched until they are evicted.
 */
export class CacheEvictionWorkload extends GeneratorSource {
	readonly name = 'cache-eviction';
	readonly hasGraph = true;
	readonly leakingSites: readonly string[] = [];
	private readonly tableSite = this.sites.intern('cache.table');
	private readonly entrySite = this.sites.intern('cache.put');
	private readonly valueSite = this.sites.intern('cache.value');
	private table = -1;
	/** Map iteration order is insertion order: the first key is the least recently used. */
	private readonly entries = new Map<number, Entry>();

	protected step(): void {
		if (this.table < 0) return this.openTable();
		this.emit(Op.tick, 0, 1);
		// Squaring a uniform draw skews requests towards low keys: the hot set.
		const key = Math.floor(this.rng.next() ** 2 * keySpace);
		const hit = this.entries.get(key);
		if (hit === undefined) return this.put(key);
		this.entries.delete(key);
		this.entries.set(key, hit);
		this.emit(Op.touch, this.table);
		this.emit(Op.touch, hit.node);
		this.emit(Op.touch, hit.value);
	}

	private openTable(): void {
		this.table = this.newId();
		this.emit(Op.alloc, this.table, 4096, this.tableSite);
		this.emit(Op.root, this.table);
	}

	private put(key: number): void {
		if (this.entries.size >= capacity) this.evict();
		const node = this.newId();
		const value = this.newId();
		this.emit(Op.alloc, node, 48, this.entrySite);
		this.emit(Op.ref, this.table, node);
		this.emit(Op.alloc, value, this.rng.int(256, 8192), this.valueSite);
		this.emit(Op.ref, node, value);
		this.entries.set(key, {node, value});
	}

	private evict(): void {
		const [key, entry] = this.entries.entries().next().value as [number, Entry];
		this.entries.delete(key);
		this.emit(Op.unref, this.table, entry.node);
		this.emit(Op.free, entry.node);
		this.emit(Op.free, entry.value);
	}
}
