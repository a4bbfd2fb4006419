import {type BlockTable, growInt, none} from '../blocks.js';

/**
 * A two-level segregated index of free blocks (the structure of TLSF, Masmano et al. 2004): the first
 * level is the power of two of a block's size, the second splits each power of two into 2^secondLevelBits
 * linear ranges, and two levels of bitmaps find a non-empty list in O(1). The `tlsf` strategy is this
 * index; the heap keeps one too so the largest free block is known without scanning.
 */
export class SizeClassIndex {
	private static readonly firstLevels = 64;
	private readonly slBits: number;
	private readonly slCount: number;
	private heads: Int32Array;
	private next: Int32Array;
	private prev: Int32Array;
	private listOf: Int32Array;
	/** Second-level bitmaps, one 32-bit word per first level (signed: bit 31 set stays a small integer). */
	private readonly slMap: Int32Array;
	/** First-level bitmap split in two words (levels 0-31, 32-63). */
	private flLow = 0;
	private flHigh = 0;
	/**
	 * The largest block, remembered until it leaves the index (then `unknown` until the next largest()
	 * scans the top list again). Without it, metrics sampling largestFree() on a heap of many free
	 * blocks of the top list's size scanned that whole list each time.
	 */
	private largestKnown = none;
	count = 0;

	constructor(
		private readonly blocks: BlockTable,
		secondLevelBits = 5,
	) {
		this.slBits = secondLevelBits;
		this.slCount = 1 << secondLevelBits;
		this.heads = new Int32Array(SizeClassIndex.firstLevels * this.slCount).fill(none);
		this.slMap = new Int32Array(SizeClassIndex.firstLevels);
		this.next = new Int32Array(blocks.capacity).fill(none);
		this.prev = new Int32Array(blocks.capacity).fill(none);
		this.listOf = new Int32Array(blocks.capacity).fill(none);
		blocks.onGrow(capacity => {
			this.next = growInt(this.next, capacity, none);
			this.prev = growInt(this.prev, capacity, none);
			this.listOf = growInt(this.listOf, capacity, none);
		});
	}

	/** The list a block of exactly `size` bytes belongs to. */
	listFor(size: number): number {
		if (size < this.slCount) return size;
		// Integer shifts on the common path: Math.pow here cost more than the rest of an allocation.
		if (size < 2147483648) {
			const log = 31 - Math.clz32(size);
			return ((log - this.slBits + 1) << this.slBits) + ((size >>> (log - this.slBits)) - this.slCount);
		}
		const log = log2Floor(size);
		const fl = log - this.slBits + 1;
		const sl = Math.floor(size / 2 ** (log - this.slBits)) - this.slCount;
		return fl * this.slCount + sl;
	}

	insert(h: number): void {
		const size = this.blocks.size[h]!;
		const list = this.listFor(size);
		const head = this.heads[list]!;
		this.next[h] = head;
		this.prev[h] = none;
		if (head !== none) this.prev[head] = h;
		this.heads[list] = h;
		this.listOf[h] = list;
		const known = this.largestKnown;
		if (known !== unknown && (known === none || size > this.blocks.size[known]!)) this.largestKnown = h;
		// Bitmaps stay signed 32-bit integers: unsigned words above 2^31 would be doubles on every update.
		const fl = list >> this.slBits;
		this.slMap[fl] = this.slMap[fl]! | (1 << (list & (this.slCount - 1)));
		if (fl < 32) this.flLow |= 1 << fl;
		else this.flHigh |= 1 << (fl - 32);
		this.count++;
	}

	remove(h: number): void {
		const list = this.listOf[h]!;
		const n = this.next[h]!;
		const p = this.prev[h]!;
		if (p !== none) this.next[p] = n;
		else this.heads[list] = n;
		if (n !== none) this.prev[n] = p;
		this.listOf[h] = none;
		this.count--;
		if (h === this.largestKnown) this.largestKnown = unknown;
		if (this.heads[list] === none) {
			const fl = list >> this.slBits;
			this.slMap[fl] = this.slMap[fl]! & ~(1 << (list & (this.slCount - 1)));
			if (this.slMap[fl] === 0) {
				if (fl < 32) this.flLow &= ~(1 << fl);
				else this.flHigh &= ~(1 << (fl - 32));
			}
		}
	}

	contains(h: number): boolean {
		return this.listOf[h] !== none && h < this.listOf.length;
	}

	/**
	 * TLSF's good fit: round the request up to the next list boundary so that any block of the first
	 * non-empty list at or above it fits, and take that list's head. O(1).
	 */
	goodFit(size: number): number {
		const list = this.roundedList(size);
		let fl = list >> this.slBits;
		const sl = list & (this.slCount - 1);
		let slBits = this.slMap[fl]! & (-1 << sl);
		if (slBits === 0) {
			fl = this.firstLevelAbove(fl);
			if (fl < 0) return this.fallback(size, list);
			slBits = this.slMap[fl]!;
		}
		const head = this.heads[fl * this.slCount + lowestBit(slBits)]!;
		return head;
	}

	/** The list a request of `size` bytes is rounded up to: every block of it and of every list above fits. */
	roundedList(size: number): number {
		let target = size;
		if (size >= this.slCount) {
			target = size < 2147483648 ? size + (1 << (31 - Math.clz32(size) - this.slBits)) - 1 : size + 2 ** (log2Floor(size) - this.slBits) - 1;
		}
		return this.listFor(target);
	}

	/** The largest free block, -1 when empty. O(1) while the last answer stays; else scans the top list. */
	largest(): number {
		if (this.largestKnown === unknown) this.largestKnown = this.scanLargest();
		return this.largestKnown;
	}

	private scanLargest(): number {
		let fl: number;
		if (this.flHigh !== 0) fl = 63 - Math.clz32(this.flHigh);
		else if (this.flLow !== 0) fl = 31 - Math.clz32(this.flLow);
		else return none;
		const sl = 31 - Math.clz32(this.slMap[fl]!);
		let best = none;
		let bestSize = -1;
		for (let h = this.heads[fl * this.slCount + sl]!; h !== none; h = this.next[h]!) {
			const size = this.blocks.size[h]!;
			if (size > bestSize) {
				bestSize = size;
				best = h;
			}
		}
		return best;
	}

	clear(): void {
		this.heads.fill(none);
		this.slMap.fill(0);
		this.listOf.fill(none);
		this.flLow = 0;
		this.flHigh = 0;
		this.count = 0;
		this.largestKnown = none;
	}

	/** Every block list by list, each from its head; only the non-empty lists the bitmaps name are visited. */
	handles(): number[] {
		const result: number[] = [];
		for (let fl = 0; fl < SizeClassIndex.firstLevels; fl++) {
			if (((fl < 32 ? this.flLow >>> fl : this.flHigh >>> (fl - 32)) & 1) === 0) continue;
			for (let bits = this.slMap[fl]!; bits !== 0; bits &= bits - 1) {
				for (let h = this.heads[fl * this.slCount + lowestBit(bits)]!; h !== none; h = this.next[h]!) result.push(h);
			}
		}
		return result;
	}

	private firstLevelAbove(fl: number): number {
		const next = fl + 1;
		if (next < 32) {
			const low = this.flLow & (-1 << next);
			if (low !== 0) return lowestBit(low);
			if (this.flHigh !== 0) return 32 + lowestBit(this.flHigh);
			return none;
		}
		if (next >= 64) return none;
		const high = this.flHigh & (-1 << (next - 32));
		return high !== 0 ? 32 + lowestBit(high) : none;
	}

	/**
	 * Rounding up can skip the list that holds a block big enough for the request itself (its size lies
	 * between the request and the rounded target): search that one list before reporting no fit, as
	 * production TLSF implementations do, so a nearly full heap is not reported full.
	 */
	private fallback(size: number, roundedList: number): number {
		const exactList = this.listFor(size);
		for (let list = exactList; list < roundedList; list++) {
			for (let h = this.heads[list]!; h !== none; h = this.next[h]!) {
				if (this.blocks.size[h]! >= size) return h;
			}
		}
		return none;
	}
}

/** largestKnown's "not known": distinct from none, which means known to be empty. */
const unknown = -2;

export function log2Floor(value: number): number {
	if (value < 4294967296) return 31 - Math.clz32(value);
	return 32 + 31 - Math.clz32(Math.floor(value / 4294967296));
}

function lowestBit(bits: number): number {
	return 31 - Math.clz32(bits & -bits);
}
