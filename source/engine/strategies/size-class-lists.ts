import {type BlockTable, growInt, none} from '../blocks.js';
import {InputError} from '../input-error.js';
import {SizeClassLimits} from './size-class-limits.js';

/** Upper bounds of the default classes: fine steps where programs allocate most, then powers of two. */
export const defaultSizeClasses: readonly number[] = [
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
];

/** Sizes up to this many bytes find their class in a table. */
const directSizes = 4096;

/**
 * One doubly linked free list per size class (class i holds sizes in (bound[i-1], bound[i]]), linked
 * through typed arrays indexed by handle, and a bitmap of the non-empty classes so that "the next class
 * with a block" is a scan of a few words, not of empty lists. Lists are LIFO: insert and remove are O(1).
 */
export class SizeClassLists {
	readonly bounds: Float64Array;
	private readonly heads: Int32Array;
	/** Signed words: an unsigned one above 2^31 would be a double on every update. */
	private readonly nonEmpty: Int32Array;
	private readonly limits: SizeClassLimits;
	private next: Int32Array;
	private prev: Int32Array;
	private classOf: Int32Array;
	/** The class of every size up to `directSizes`, looked up instead of searched (most requests are small). */
	private readonly smallClass: Uint8Array;
	/**
	 * For sizes in (2^(k-1), 2^k], the first class that can be theirs: larger sizes step up from it
	 * instead of a binary search over every bound (with the default classes, at most one step).
	 */
	private readonly powerClass: Uint8Array;
	/** The largest block, kept until it leaves (then `unknown` until `largest()` scans the top class). */
	private largestKnown = none;
	count = 0;

	constructor(
		private readonly blocks: BlockTable,
		configured: readonly number[] = defaultSizeClasses,
	) {
		this.bounds = completeClasses(configured);
		this.heads = new Int32Array(this.bounds.length).fill(none);
		this.nonEmpty = new Int32Array(Math.ceil(this.bounds.length / 32));
		this.limits = new SizeClassLimits(this.bounds.length);
		this.next = new Int32Array(blocks.capacity);
		this.prev = new Int32Array(blocks.capacity);
		this.classOf = new Int32Array(blocks.capacity);
		this.smallClass = new Uint8Array(directSizes + 1);
		for (let size = 0, c = 0; size <= directSizes; size++) {
			while (this.bounds[c]! < size) c++;
			this.smallClass[size] = c;
		}
		this.powerClass = new Uint8Array(33);
		for (let k = 0, c = 0; k <= 32; k++) {
			const smallest = k === 0 ? 0 : 2 ** (k - 1) + 1;
			while (this.bounds[c]! < smallest) c++;
			this.powerClass[k] = c;
		}
		blocks.onGrow(capacity => {
			this.next = growInt(this.next, capacity);
			this.prev = growInt(this.prev, capacity);
			this.classOf = growInt(this.classOf, capacity);
		});
	}

	/** The class of a block of `size` bytes: the first whose upper bound is at least `size`. */
	classFor(size: number): number {
		if (this.bounds.length > 256) return this.searchClass(size);
		if (size <= directSizes) return this.smallClass[Math.ceil(size)]!;
		if (size > 2 ** 31) return this.searchClass(size);
		let c = this.powerClass[32 - Math.clz32(Math.ceil(size) - 1)]!;
		while (this.bounds[c]! < size) c++;
		return c;
	}

	private searchClass(size: number): number {
		let lo = 0;
		let hi = this.bounds.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.bounds[mid]! >= size) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	insert(h: number): void {
		const size = this.blocks.size[h]!;
		const c = this.classFor(size);
		this.limits.added(c, size);
		const head = this.heads[c]!;
		this.next[h] = head;
		this.prev[h] = none;
		if (head !== none) this.prev[head] = h;
		this.heads[c] = h;
		this.classOf[h] = c;
		this.nonEmpty[c >>> 5] = this.nonEmpty[c >>> 5]! | (1 << (c & 31));
		const known = this.largestKnown;
		if (known !== unknown && (known === none || size > this.blocks.size[known]!)) this.largestKnown = h;
		this.count++;
	}

	remove(h: number): void {
		const c = this.classOf[h]!;
		const n = this.next[h]!;
		const p = this.prev[h]!;
		if (p !== none) this.next[p] = n;
		else this.heads[c] = n;
		if (n !== none) this.prev[n] = p;
		const emptied = p === none && n === none;
		this.limits.removed(c, emptied);
		if (emptied) this.nonEmpty[c >>> 5] = this.nonEmpty[c >>> 5]! & ~(1 << (c & 31));
		if (h === this.largestKnown) this.largestKnown = unknown;
		this.count--;
	}

	/** The largest free block, -1 when empty: remembered, else found in the highest non-empty class. */
	largest(): number {
		if (this.largestKnown !== unknown) return this.largestKnown;
		let best = none;
		for (let word = this.nonEmpty.length - 1; word >= 0 && best === none; word--) {
			const bits = this.nonEmpty[word]!;
			if (bits === 0) continue;
			const c = word * 32 + 31 - Math.clz32(bits);
			for (let h = this.heads[c]!; h !== none; h = this.next[h]!) {
				if (best === none || this.blocks.size[h]! > this.blocks.size[best]!) best = h;
			}
		}
		this.largestKnown = best;
		return best;
	}

	/**
	 * The first block (in list order) of class c with at least `size` bytes among the first `limit`
	 * blocks of the list, or -1.
	 */
	firstInClass(c: number, size: number, limit = Number.POSITIVE_INFINITY): number {
		if (!this.limits.mayHold(c, size)) return none;
		let looked = 0;
		let h = this.heads[c]!;
		for (; h !== none && looked < limit; h = this.next[h]!, looked++) if (this.blocks.size[h]! >= size) return h;
		if (h === none) this.measure(c);
		return none;
	}

	/** The head of the first non-empty class above c, or -1. */
	headAbove(c: number): number {
		let word = (c + 1) >>> 5;
		let bits = word < this.nonEmpty.length ? this.nonEmpty[word]! & ~lowMask((c + 1) & 31) : 0;
		while (bits === 0) {
			if (++word >= this.nonEmpty.length) return none;
			bits = this.nonEmpty[word]!;
		}
		const found = word * 32 + (31 - Math.clz32(bits & -bits));
		return this.heads[found]!;
	}

	clear(): void {
		this.heads.fill(none);
		this.nonEmpty.fill(0);
		this.limits.clear();
		this.largestKnown = none;
		this.count = 0;
	}

	/** Walk class c once to make its limits exact (after a full walk found no fit). */
	private measure(c: number): void {
		this.limits.forget(c);
		for (let h = this.heads[c]!; h !== none; h = this.next[h]!) this.limits.added(c, this.blocks.size[h]!);
	}

	handles(): number[] {
		const result: number[] = [];
		for (let c = 0; c < this.heads.length; c++) {
			for (let h = this.heads[c]!; h !== none; h = this.next[h]!) result.push(h);
		}
		return result;
	}
}

/** largestKnown's "not known": distinct from none, which means known to be empty. */
const unknown = -2;

function lowMask(bits: number): number {
	return bits === 0 ? 0 : (1 << bits) - 1;
}

/**
 * The configured bounds, then powers of two above the last one up to 2^53 (the largest exact address),
 * then one unbounded class, so that every size has a class.
 */
function completeClasses(configured: readonly number[]): Float64Array {
	if (configured.length === 0) throw new InputError('size classes: give at least one upper bound');
	for (let i = 0; i < configured.length; i++) {
		const bound = configured[i]!;
		if (!Number.isInteger(bound) || bound <= 0) {
			throw new InputError(`size classes: '${bound}' is not a positive whole number of bytes`);
		}
		if (i > 0 && bound <= configured[i - 1]!) {
			throw new InputError(`size classes must ascend: ${bound} follows ${configured[i - 1]}`);
		}
	}
	const bounds = [...configured];
	let power = 2 ** Math.ceil(Math.log2(bounds[bounds.length - 1]! + 1));
	while (power <= 2 ** 53) {
		bounds.push(power);
		power *= 2;
	}
	bounds.push(Number.POSITIVE_INFINITY);
	return Float64Array.from(bounds);
}
