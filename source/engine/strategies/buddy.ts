import {type BlockTable, growInt, none} from '../blocks.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';
import {log2Floor} from './size-class-index.js';

/** Orders 0 to 63: block sizes 1 byte to 2^63, past the largest exact address (2^53). */
const orders = 64;

/**
 * Binary buddy: one free list per order (a block of order k is 2^k bytes), as a buddy allocator's
 * `free_area[order]`. The heap rounds requests up to powers of two, halves blocks on the way down and
 * merges only buddies on the way up (see buddy-arithmetic.ts); this index only keeps the lists.
 *
 * Every free block of a buddy heap is an exact power of two, so a block's list is its order and every
 * block of a list fits any request of that order: the fit is the head of the first non-empty list at or
 * above the request's order, and the largest free block is the head of the highest one. Buddy used to
 * share TLSF's index (with one second-level list per power of two), whose general list arithmetic,
 * second-level bitmaps and remembered largest block cost twice as much per insertion and removal (26 ns
 * against 13.5 a pair in a loop), and buddy does one of each for every level it splits or merges.
 */
class Buddy implements PlacementStrategy {
	readonly name = 'buddy';
	readonly powerOfTwo = true;
	private readonly heads = new Int32Array(orders).fill(none);
	private next: Int32Array;
	private prev: Int32Array;
	private orderOf: Int32Array;
	/** Non-empty orders 0-31 and 32-63, as signed words (an unsigned word above 2^31 would be a double). */
	private low = 0;
	private high = 0;
	count = 0;

	constructor(private readonly blocks: BlockTable) {
		this.next = new Int32Array(blocks.capacity);
		this.prev = new Int32Array(blocks.capacity);
		this.orderOf = new Int32Array(blocks.capacity);
		blocks.onGrow(capacity => {
			this.next = growInt(this.next, capacity);
			this.prev = growInt(this.prev, capacity);
			this.orderOf = growInt(this.orderOf, capacity);
		});
	}

	insert(h: number): void {
		const size = this.blocks.size[h]!;
		const order = size < 2147483648 ? 31 - Math.clz32(size) : log2Floor(size);
		const head = this.heads[order]!;
		this.next[h] = head;
		this.prev[h] = none;
		if (head !== none) this.prev[head] = h;
		this.heads[order] = h;
		this.orderOf[h] = order;
		if (order < 32) this.low |= 1 << order;
		else this.high |= 1 << (order - 32);
		this.count++;
	}

	remove(h: number): void {
		const n = this.next[h]!;
		const p = this.prev[h]!;
		if (p !== none) {
			this.next[p] = n;
		} else {
			const order = this.orderOf[h]!;
			this.heads[order] = n;
			if (n === none) {
				if (order < 32) this.low &= ~(1 << order);
				else this.high &= ~(1 << (order - 32));
			}
		}
		if (n !== none) this.prev[n] = p;
		this.count--;
	}

	findFit(size: number): number {
		// The smallest order whose blocks hold `size` bytes (the heap asks for powers of two).
		let order: number;
		if (size <= 2147483648) {
			order = size <= 1 ? 0 : 32 - Math.clz32(size - 1);
		} else {
			order = log2Floor(size);
			if (2 ** order < size) order++;
		}
		if (order < 32) {
			const bits = this.low & (-1 << order);
			if (bits !== 0) return this.heads[lowestBit(bits)]!;
			return this.high !== 0 ? this.heads[32 + lowestBit(this.high)]! : none;
		}
		if (order >= orders) return none;
		const bits = this.high & (-1 << (order - 32));
		return bits !== 0 ? this.heads[32 + lowestBit(bits)]! : none;
	}

	largest(): number {
		if (this.high !== 0) return this.heads[63 - Math.clz32(this.high)]!;
		if (this.low !== 0) return this.heads[31 - Math.clz32(this.low)]!;
		return none;
	}

	clear(): void {
		this.heads.fill(none);
		this.low = 0;
		this.high = 0;
		this.count = 0;
	}

	handles(): number[] {
		const result: number[] = [];
		for (let order = 0; order < orders; order++) {
			for (let h = this.heads[order]!; h !== none; h = this.next[h]!) result.push(h);
		}
		return result;
	}

	structureProblem(): string | undefined {
		let seen = 0;
		for (let order = 0; order < orders; order++) {
			const bit = order < 32 ? (this.low >>> order) & 1 : (this.high >>> (order - 32)) & 1;
			if ((this.heads[order] !== none) !== (bit === 1)) return `order ${order}: bitmap says ${bit === 1 ? 'non-empty' : 'empty'}`;
			let previous = none;
			for (let h = this.heads[order]!; h !== none; previous = h, h = this.next[h]!) {
				if (this.prev[h] !== previous) return `order ${order}: block ${h} links back to ${this.prev[h]}, not ${previous}`;
				if (this.orderOf[h] !== order) return `block ${h} is in order ${order}'s list but records order ${this.orderOf[h]}`;
				if (this.blocks.size[h] !== 2 ** order) return `block ${h} of ${this.blocks.size[h]} bytes is in order ${order}'s list`;
				if (++seen > this.count) return `the lists hold more blocks than the ${this.count} counted`;
			}
		}
		return seen === this.count ? undefined : `the lists hold ${seen} blocks, ${this.count} counted`;
	}
}

function lowestBit(bits: number): number {
	return 31 - Math.clz32(bits & -bits);
}

export const buddy: StrategyDescriptor = {
	name: 'buddy',
	description: 'binary buddy system: power-of-two blocks, split in halves, only buddies coalesce',
	create: ({blocks}) => new Buddy(blocks),
};
