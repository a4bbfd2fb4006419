import {type BlockTable, growFloat, growInt, none} from '../blocks.js';

/**
 * Free blocks in a binary max-heap (Williams 1964) by size, the lowest address first among equal sizes:
 * the block worst fit wants is always at the top, O(1), and an insertion, a removal or a block that
 * changed in place is one sift, O(log n). Worst fit cuts every allocation from the top block, which
 * then sinks by what it lost; a size-ordered tree paid a search for it, a removal and a reinsertion.
 *
 * Each position keeps a copy of its block's size and address beside the handle, so a sift compares
 * within three flat arrays and never visits the block table. (size, address) is unique among free
 * blocks, so the top, and with it every placement, does not depend on the order of operations.
 */
export class LargestFirstHeap {
	count = 0;
	private size = new Float64Array(64);
	private addr = new Float64Array(64);
	private handle = new Int32Array(64);
	/** Each block handle's position in the heap, or -1. */
	private position: Int32Array;

	constructor(protected readonly blocks: BlockTable) {
		this.position = growInt(new Int32Array(0), blocks.capacity, none);
		blocks.onGrow(capacity => {
			this.position = growInt(this.position, capacity, none);
		});
	}

	/** The largest block (lowest address among equals), or -1. */
	top(): number {
		return this.count === 0 ? none : this.handle[0]!;
	}

	insert(h: number): void {
		if (this.position[h] !== none) throw new Error(`free block ${h} is already in the heap`);
		if (this.count === this.handle.length) this.grow();
		this.siftUp(this.count++, h, this.blocks.size[h]!, this.blocks.addr[h]!);
	}

	remove(h: number): void {
		const p = this.positionOf(h);
		if (p === none) throw new Error(`free block ${h} is not in the heap`);
		this.position[h] = none;
		const last = --this.count;
		// The last entry fills the hole, and rises or sinks from there.
		if (p !== last) this.settle(p, this.handle[last]!, this.size[last]!, this.addr[last]!);
	}

	/** Block `h`, in the heap, changed its size or address in place (see PlacementStrategy.moved). */
	moved(h: number): void {
		this.settle(this.position[h]!, h, this.blocks.size[h]!, this.blocks.addr[h]!);
	}

	clear(): void {
		this.position.fill(none);
		this.count = 0;
	}

	/**
	 * Every handle, largest first, lowest address first among equals. Heap order depends on the order
	 * the blocks came in, and a checkpoint's fingerprint compares this list, so it is sorted.
	 */
	handles(): number[] {
		const {size, addr} = this.blocks;
		return Array.from(this.handle.subarray(0, this.count)).sort((x, y) => size[y]! - size[x]! || addr[x]! - addr[y]!);
	}

	/** What breaks the heap's order or its copies of the blocks' keys, or undefined. */
	structureProblem(): string | undefined {
		for (let p = 0; p < this.count; p++) {
			const h = this.handle[p]!;
			if (this.position[h] !== p) return `free block ${h} is at heap position ${p}, which it does not know`;
			if (this.size[p] !== this.blocks.size[h] || this.addr[p] !== this.blocks.addr[h]) {
				return `free block ${h}'s size or address in the heap is stale`;
			}
			const q = (p - 1) >> 1;
			if (p > 0 && outranks(this.size[p]!, this.addr[p]!, this.size[q]!, this.addr[q]!)) {
				return `free block ${h} outranks its parent in the heap`;
			}
		}
		return undefined;
	}

	private positionOf(h: number): number {
		return h >= 0 && h < this.position.length ? this.position[h]! : none;
	}

	/** Put block h (with these keys) at hole `p`, or above or below it, wherever the heap order wants it. */
	private settle(p: number, h: number, size: number, addr: number): void {
		const q = (p - 1) >> 1;
		if (p > 0 && outranks(size, addr, this.size[q]!, this.addr[q]!)) this.siftUp(p, h, size, addr);
		else this.siftDown(p, h, size, addr);
	}

	/** Move the hole at `p` up past every parent block h outranks, then fill it with h. */
	private siftUp(p: number, h: number, size: number, addr: number): void {
		const sizes = this.size;
		const addrs = this.addr;
		while (p > 0) {
			const q = (p - 1) >> 1;
			if (!outranks(size, addr, sizes[q]!, addrs[q]!)) break;
			this.put(p, this.handle[q]!, sizes[q]!, addrs[q]!);
			p = q;
		}
		this.put(p, h, size, addr);
	}

	/** Move the hole at `p` down past every child that outranks block h, then fill it with h. */
	private siftDown(p: number, h: number, size: number, addr: number): void {
		const sizes = this.size;
		const addrs = this.addr;
		const n = this.count;
		for (;;) {
			let c = 2 * p + 1;
			if (c >= n) break;
			if (c + 1 < n && outranks(sizes[c + 1]!, addrs[c + 1]!, sizes[c]!, addrs[c]!)) c++;
			if (!outranks(sizes[c]!, addrs[c]!, size, addr)) break;
			this.put(p, this.handle[c]!, sizes[c]!, addrs[c]!);
			p = c;
		}
		this.put(p, h, size, addr);
	}

	private put(p: number, h: number, size: number, addr: number): void {
		this.handle[p] = h;
		this.size[p] = size;
		this.addr[p] = addr;
		this.position[h] = p;
	}

	private grow(): void {
		const capacity = this.handle.length * 2;
		this.size = growFloat(this.size, capacity);
		this.addr = growFloat(this.addr, capacity);
		this.handle = growInt(this.handle, capacity);
	}
}

/** Block (sizeA, addrA) comes before block (sizeB, addrB): larger, or as large and lower. */
function outranks(sizeA: number, addrA: number, sizeB: number, addrB: number): boolean {
	return sizeA > sizeB || (sizeA === sizeB && addrA < addrB);
}
