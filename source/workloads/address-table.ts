/**
 * Live block addresses mapped to block ids, for logs that name blocks by address (valgrind): an
 * open-addressing hash table over typed arrays with linear probing and backward-shift deletion, so
 * the table never fills with tombstones however many blocks come and go.
 *
 * A JS Map did the same job at a quarter of the parse time of a log: every malloc line sets a key and
 * every free line deletes one, and Map's generic hashing and entry objects cost more than the line's
 * scanning. Address 0 is the empty slot: NULL is never a live block.
 */
export class AddressTable {
	private keys: Float64Array;
	private values: Float64Array;
	private mask: number;
	/** 32 - log2(capacity): a multiplicative hash's best bits are its highest. */
	private shift: number;
	size = 0;

	constructor(initialCapacity = 1 << 12) {
		let capacity = 16;
		while (capacity < initialCapacity) capacity *= 2;
		this.keys = new Float64Array(capacity);
		this.values = new Float64Array(capacity);
		this.mask = capacity - 1;
		this.shift = 32 - Math.log2(capacity);
	}

	/** The id stored for `address`, or -1. */
	get(address: number): number {
		if (address <= 0) return -1;
		const keys = this.keys;
		for (let slot = this.home(address); ; slot = (slot + 1) & this.mask) {
			const key = keys[slot]!;
			if (key === address) return this.values[slot]!;
			if (key === 0) return -1;
		}
	}

	/** Store `id` for `address` (> 0), replacing any id it had. */
	set(address: number, id: number): void {
		const keys = this.keys;
		let slot = this.home(address);
		for (; ; slot = (slot + 1) & this.mask) {
			const key = keys[slot]!;
			if (key === address) {
				this.values[slot] = id;
				return;
			}
			if (key === 0) break;
		}
		keys[slot] = address;
		this.values[slot] = id;
		// Half full at most: probe runs stay a slot or two long.
		if (++this.size * 2 > keys.length) this.grow();
	}

	/** Forget `address`; returns its id, or -1 when it was not there. */
	take(address: number): number {
		if (address <= 0) return -1;
		const keys = this.keys;
		const values = this.values;
		const mask = this.mask;
		let slot = this.home(address);
		for (; ; slot = (slot + 1) & mask) {
			const key = keys[slot]!;
			if (key === address) break;
			if (key === 0) return -1;
		}
		const id = values[slot]!;
		this.size--;
		// Backward-shift deletion: move later members of the probe run into the hole when their home
		// slot allows it, so every run stays unbroken without tombstones.
		let hole = slot;
		for (let next = (hole + 1) & mask; keys[next] !== 0; next = (next + 1) & mask) {
			const home = this.home(keys[next]!);
			// `next` may move to `hole` unless its home lies cyclically in (hole, next].
			const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
			if (stays) continue;
			keys[hole] = keys[next]!;
			values[hole] = values[next]!;
			hole = next;
		}
		keys[hole] = 0;
		return id;
	}

	private home(address: number): number {
		// Addresses are multiples of 8 or 16 spread over a few megabytes: mix the low and high words
		// with a multiplicative hash so neighbouring blocks land in different slots.
		const low = address >>> 0;
		const high = (address / 4294967296) | 0;
		return Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
	}

	private grow(): void {
		const keys = this.keys;
		const values = this.values;
		this.keys = new Float64Array(keys.length * 2);
		this.values = new Float64Array(keys.length * 2);
		this.mask = keys.length * 2 - 1;
		this.shift--;
		this.size = 0;
		for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) this.set(keys[slot]!, values[slot]!);
	}
}
