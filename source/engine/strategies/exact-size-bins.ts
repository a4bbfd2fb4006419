import {type BlockTable, growFloat, growInt, none} from '../blocks.js';

/** Blocks smaller than this many bytes go in a bin of their exact size. */
export const binLimit = 1024;
const words = binLimit / 32;

/**
 * Free blocks below `binLimit` bytes in one bin per exact size, as dlmalloc keeps its small bins, each
 * bin a binary min-heap by address (lowest address on top), and a two-level bitmap of the non-empty
 * bins. The smallest block that fits a small request, lowest address among equals, is then a bitmap
 * scan and the top of a bin: O(1), where a size-ordered tree descends O(log n) levels. Inserting or
 * removing a block is a sift within its bin, O(log k) for k blocks of that size, usually O(1).
 *
 * Each bin keeps a copy of its blocks' addresses beside their handles, so a sift stays in two flat
 * arrays. A block's bin is remembered (`binOf`), since the heap may have changed the block's size by the
 * time it asks for the block to be taken out.
 */
export class ExactSizeBins {
	count = 0;
	private readonly addrs: Float64Array[] = [];
	private readonly handles: Int32Array[] = [];
	private readonly lengths = new Int32Array(binLimit);
	/** Bit b of word w: bin 32w + b has a block. */
	private readonly nonEmpty = new Int32Array(words);
	/** Bit w: word w of `nonEmpty` is not zero. */
	private nonEmptyWords = 0;
	/** Each handle's bin, or -1; and its position in that bin's heap. */
	private bin: Int32Array;
	private position: Int32Array;

	constructor(private readonly blocks: BlockTable) {
		for (let b = 0; b < binLimit; b++) {
			this.addrs.push(noAddresses);
			this.handles.push(noHandles);
		}
		this.bin = growInt(new Int32Array(0), blocks.capacity, none);
		this.position = new Int32Array(blocks.capacity);
		blocks.onGrow(capacity => {
			this.bin = growInt(this.bin, capacity, none);
			this.position = growInt(this.position, capacity);
		});
	}

	/** The bin block `h` is in, or -1. */
	binOf(h: number): number {
		return h >= 0 && h < this.bin.length ? this.bin[h]! : none;
	}

	/** The lowest-address block of the smallest non-empty bin of at least `size` bytes, or -1. */
	smallestFrom(size: number): number {
		const b = this.firstNonEmptyFrom(size);
		return b === none ? none : this.handles[b]![0]!;
	}

	/** The lowest-address block of the largest non-empty bin, or -1. */
	largest(): number {
		if (this.nonEmptyWords === 0) return none;
		const w = 31 - Math.clz32(this.nonEmptyWords);
		const b = (w << 5) + 31 - Math.clz32(this.nonEmpty[w]!);
		return this.handles[b]![0]!;
	}

	insert(h: number): void {
		if (this.binOf(h) !== none) throw new Error(`free block ${h} is already in a bin`);
		const b = this.blocks.size[h]!;
		const n = this.lengths[b]!;
		if (n === this.handles[b]!.length) this.widen(b);
		if (n === 0) {
			this.nonEmpty[b >>> 5] = this.nonEmpty[b >>> 5]! | (1 << (b & 31));
			this.nonEmptyWords |= 1 << (b >>> 5);
		}
		this.lengths[b] = n + 1;
		this.bin[h] = b;
		this.siftUp(b, n, h, this.blocks.addr[h]!);
		this.count++;
	}

	remove(h: number): void {
		const b = this.binOf(h);
		if (b === none) throw new Error(`free block ${h} is not in a bin`);
		this.bin[h] = none;
		const p = this.position[h]!;
		const last = this.lengths[b]! - 1;
		this.lengths[b] = last;
		this.count--;
		if (last === 0) {
			const word = this.nonEmpty[b >>> 5]! & ~(1 << (b & 31));
			this.nonEmpty[b >>> 5] = word;
			if (word === 0) this.nonEmptyWords &= ~(1 << (b >>> 5));
			return;
		}
		// The last entry fills the hole, and rises or sinks from there.
		if (p !== last) this.settle(b, p, this.handles[b]![last]!, this.addrs[b]![last]!);
	}

	/** Block `h`, in bin `binOf(h)` and still of that size, moved to another address. */
	readdressed(h: number): void {
		this.settle(this.bin[h]!, this.position[h]!, h, this.blocks.addr[h]!);
	}

	clear(): void {
		this.bin.fill(none);
		this.lengths.fill(0);
		this.nonEmpty.fill(0);
		this.nonEmptyWords = 0;
		this.count = 0;
	}

	/**
	 * Every handle in (size, address) order. A bin's heap order depends on the order its blocks came in,
	 * and a checkpoint's fingerprint compares this list, so it is sorted: the same blocks, the same list.
	 */
	all(): number[] {
		const result: number[] = [];
		for (let b = 0; b < binLimit; b++) {
			const bin = Array.from(this.handles[b]!.subarray(0, this.lengths[b]!));
			bin.sort((x, y) => this.blocks.addr[x]! - this.blocks.addr[y]!);
			result.push(...bin);
		}
		return result;
	}

	/** What breaks a bin's heap order, its copies of the blocks' addresses or the bitmap, or undefined. */
	structureProblem(): string | undefined {
		for (let b = 0; b < binLimit; b++) {
			const n = this.lengths[b]!;
			if (((this.nonEmpty[b >>> 5]! >>> (b & 31)) & 1) !== (n > 0 ? 1 : 0)) return `the bitmap is wrong about bin ${b}`;
			for (let p = 0; p < n; p++) {
				const h = this.handles[b]![p]!;
				if (this.bin[h] !== b || this.position[h] !== p) return `free block ${h} is at bin ${b} position ${p}, which it does not know`;
				if (this.blocks.size[h] !== b || this.addrs[b]![p] !== this.blocks.addr[h]) return `free block ${h}'s size or address in bin ${b} is stale`;
				if (p > 0 && this.addrs[b]![p]! < this.addrs[b]![(p - 1) >> 1]!) return `free block ${h} is below its parent in bin ${b}`;
			}
		}
		for (let w = 0; w < words; w++) {
			if (((this.nonEmptyWords >>> w) & 1) !== (this.nonEmpty[w] !== 0 ? 1 : 0)) return `the bitmap summary is wrong about word ${w}`;
		}
		return undefined;
	}

	/** The first bin at or above `size` with a block, or -1. */
	private firstNonEmptyFrom(size: number): number {
		if (size >= binLimit) return none;
		const w = size >>> 5;
		const here = this.nonEmpty[w]! & (-1 << (size & 31));
		if (here !== 0) return (w << 5) + lowestBit(here);
		// Words above w (a shift by 32 would be a shift by 0 in JavaScript).
		const above = w === 31 ? 0 : this.nonEmptyWords & (-1 << (w + 1));
		if (above === 0) return none;
		const next = lowestBit(above);
		return (next << 5) + lowestBit(this.nonEmpty[next]!);
	}

	private settle(b: number, p: number, h: number, addr: number): void {
		const q = (p - 1) >> 1;
		if (p > 0 && addr < this.addrs[b]![q]!) this.siftUp(b, p, h, addr);
		else this.siftDown(b, p, h, addr);
	}

	/** Move the hole at `p` up past every parent above `addr`, then fill it with block h. */
	private siftUp(b: number, p: number, h: number, addr: number): void {
		const addrs = this.addrs[b]!;
		const handles = this.handles[b]!;
		while (p > 0) {
			const q = (p - 1) >> 1;
			if (addrs[q]! <= addr) break;
			this.put(addrs, handles, p, handles[q]!, addrs[q]!);
			p = q;
		}
		this.put(addrs, handles, p, h, addr);
	}

	/** Move the hole at `p` down past every child below `addr`, then fill it with block h. */
	private siftDown(b: number, p: number, h: number, addr: number): void {
		const addrs = this.addrs[b]!;
		const handles = this.handles[b]!;
		const n = this.lengths[b]!;
		for (;;) {
			let c = 2 * p + 1;
			if (c >= n) break;
			if (c + 1 < n && addrs[c + 1]! < addrs[c]!) c++;
			if (addrs[c]! >= addr) break;
			this.put(addrs, handles, p, handles[c]!, addrs[c]!);
			p = c;
		}
		this.put(addrs, handles, p, h, addr);
	}

	/** Block h, at address addr, takes position p of its bin's heap. */
	private put(addrs: Float64Array, handles: Int32Array, p: number, h: number, addr: number): void {
		addrs[p] = addr;
		handles[p] = h;
		this.position[h] = p;
	}

	private widen(b: number): void {
		const capacity = Math.max(4, this.handles[b]!.length * 2);
		this.addrs[b] = growFloat(this.addrs[b]!, capacity);
		this.handles[b] = growInt(this.handles[b]!, capacity);
	}
}

/** Shared by every bin until its first block: empty bins cost no memory. */
const noAddresses = new Float64Array(0);
const noHandles = new Int32Array(0);

/** The index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(word: number): number {
	return 31 - Math.clz32(word & -word);
}
