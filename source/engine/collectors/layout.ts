import {BlockFlag, none} from '../blocks.js';
import {isPowerOfTwo} from '../buddy-arithmetic.js';
import type {Heap} from '../heap.js';
import {InputError} from '../input-error.js';

/**
 * Address-space chores shared by the moving collectors: listing program blocks by address, sliding
 * them, holding space back with reserved blocks, and marking what moved for the heap map. A moving
 * cycle always runs: release reserves, write new addresses, `heap.relayout()`, reserve again, flag
 * the moved blocks (relayout resets the map, so moved cells are added after it).
 */

const programMask = BlockFlag.free | BlockFlag.reserved;

/** Program blocks (neither free nor reserved) starting in [lo, hi), in address order. */
export function programBlocksIn(heap: Heap, lo: number, hi: number): number[] {
	const b = heap.blocks;
	const found: number[] = [];
	if (lo > 0 && heap.last !== none && b.addr[heap.last]! >= lo) {
		// The range is near the top (a nursery): walk back from the end instead of over everything.
		let h = heap.last;
		while (h !== none && b.addr[h]! >= lo) h = b.prev[h]!;
		h = h === none ? heap.first : b.next[h]!;
		for (; h !== none && b.addr[h]! < hi; h = b.next[h]!) if ((b.flags[h]! & programMask) === 0) found.push(h);
		return found;
	}
	for (let h = heap.first; h !== none && b.addr[h]! < hi; h = b.next[h]!) {
		if (b.addr[h]! >= lo && (b.flags[h]! & programMask) === 0) found.push(h);
	}
	return found;
}

/** End of the highest program block starting below `limit` (0 when there is none). */
export function programTopBelow(heap: Heap, limit: number): number {
	const b = heap.blocks;
	let h = heap.last;
	while (h !== none && (b.addr[h]! >= limit || (b.flags[h]! & programMask) !== 0)) h = b.prev[h]!;
	return h === none ? 0 : b.addr[h]! + b.size[h]!;
}

/** Forget which blocks the previous cycle moved (flags and map cells). */
export function clearMoved(heap: Heap): void {
	const b = heap.blocks;
	for (let h = 0; h < b.handleLimit; h++) if (b.flags[h]! & BlockFlag.moved) b.flags[h] = b.flags[h]! & ~BlockFlag.moved;
	heap.map.clearMoved();
}

/**
 * Give each block in `handles` (in the order given) the next address from `base`: Lisp-2's
 * forwarding pass, or Cheney's copy when the order is the trace order. Returns the end address;
 * moved handles are appended to `moved`.
 *
 * Under buddy the free space must stay cut into aligned power-of-two pieces, so blocks go largest
 * first, each power-of-two block aligned to its size (no padding at all when every block is a power
 * of two); if blocks left over from another strategy make that overflow the heap, they are packed
 * without alignment, which buddy tolerates for used blocks.
 */
export function slide(heap: Heap, handles: ArrayLike<number>, base: number, moved: number[]): number {
	const b = heap.blocks;
	let order = handles;
	let plan: Float64Array;
	if (heap.isBuddy) {
		order = Array.from(handles).sort((x, y) => b.size[y]! - b.size[x]!);
		plan = place(heap, order, base, true);
		if (!heap.growable && plan[order.length]! > heap.top) plan = place(heap, order, base, false);
	} else {
		plan = place(heap, order, base, false);
	}
	for (let i = 0; i < order.length; i++) {
		const h = order[i]!;
		if (b.addr[h] !== plan[i]) {
			b.addr[h] = plan[i]!;
			moved.push(h);
		}
	}
	return plan[order.length]!;
}

/** The address of each block of `order`, and the end address after them (the last entry). */
function place(heap: Heap, order: ArrayLike<number>, base: number, aligned: boolean): Float64Array {
	const b = heap.blocks;
	const plan = new Float64Array(order.length + 1);
	let cursor = base;
	for (let i = 0; i < order.length; i++) {
		const size = b.size[order[i]!]!;
		if (aligned && isPowerOfTwo(size)) cursor = Math.ceil(cursor / size) * size;
		plan[i] = cursor;
		cursor += size;
	}
	plan[order.length] = cursor;
	return plan;
}

/** After `heap.relayout()`: flag the moved blocks and their map cells; returns the bytes moved. */
export function flagMoved(heap: Heap, moved: readonly number[]): number {
	const b = heap.blocks;
	let bytes = 0;
	for (const h of moved) {
		b.flags[h] = b.flags[h]! | BlockFlag.moved;
		heap.map.addMoved(b.addr[h]!, b.size[h]!);
		bytes += b.size[h]!;
	}
	return bytes;
}

/** Hold [lo, hi) back from the program: every free block there becomes a reserved block. */
export function reserveRange(heap: Heap, lo: number, hi: number, into: number[]): void {
	const b = heap.blocks;
	let h = heap.first;
	while (h !== none && b.addr[h]! < hi) {
		const start = b.addr[h]!;
		const end = start + b.size[h]!;
		if (end > lo && b.isFree(h)) {
			const from = Math.max(start, lo);
			const reserved = heap.carveAt(from, Math.min(end, hi) - from);
			if (reserved !== none) {
				heap.setReserved(reserved, true);
				into.push(reserved);
				h = b.next[reserved]!;
				continue;
			}
		}
		h = b.next[h]!;
	}
}

/** Give reserved blocks back as free space. */
export function releaseReserves(heap: Heap, handles: number[]): void {
	const b = heap.blocks;
	for (const h of handles) {
		if (!b.isAlive(h) || (b.flags[h]! & BlockFlag.reserved) === 0) continue;
		heap.setReserved(h, false);
		heap.free(h);
	}
	handles.length = 0;
}

/** Collectors that split the heap into fixed regions need a fixed capacity and blocks that can sit anywhere. */
export function requireSplittableHeap(heap: Heap, collector: string): number {
	if (heap.params.capacity === 'grow') {
		throw new InputError(`--gc ${collector}: needs a fixed heap size (--heap <bytes>), not 'grow'`);
	}
	if (heap.isBuddy) {
		throw new InputError(`--gc ${collector}: cannot run over the buddy strategy (its blocks cannot be split at a region boundary); choose another strategy`);
	}
	return heap.params.capacity;
}

/** Round down to the heap's alignment. */
export function alignDown(heap: Heap, bytes: number): number {
	return Math.floor(bytes / heap.params.align) * heap.params.align;
}
