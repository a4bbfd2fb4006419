import {BlockFlag, none} from './blocks.js';
import {isPowerOfTwo} from './buddy-arithmetic.js';
import type {Heap} from './heap.js';

/**
 * The heap's invariants, checked from scratch in O(blocks + map cells): the `--check` flag runs this
 * after every event and the property tests use it as their oracle. Returns a description of the first
 * violation found, or undefined when the heap is sound.
 */
export function checkHeapInvariants(heap: Heap): string | undefined {
	const walk = walkBlocks(heap);
	if (typeof walk === 'string') return walk;
	return checkTotals(heap, walk) ?? checkIndex(heap, walk) ?? checkMap(heap);
}

interface Recount {
	usedBlocks: number;
	usedBlockBytes: number;
	payloadBytes: number;
	freeBlocks: number;
	freeBytes: number;
	reservedBytes: number;
	largestFree: number;
	/** 1 for each handle that is a free block of the heap. */
	isFreeBlock: Uint8Array;
}

function describe(heap: Heap, h: number): string {
	const b = heap.blocks;
	const kind = b.isFree(h) ? 'free' : (b.flags[h]! & BlockFlag.reserved) !== 0 ? 'reserved' : 'used';
	return `${kind} block ${h} [${b.addr[h]}, ${b.addr[h]! + b.size[h]!})`;
}

/** One pass in address order: links, tiling, per-block rules and coalescing; returns the recount. */
function walkBlocks(heap: Heap): Recount | string {
	const b = heap.blocks;
	const {align, header} = heap.params;
	const recount: Recount = {
		usedBlocks: 0,
		usedBlockBytes: 0,
		payloadBytes: 0,
		freeBlocks: 0,
		freeBytes: 0,
		reservedBytes: 0,
		largestFree: 0,
		isFreeBlock: new Uint8Array(b.handleLimit),
	};
	let cursor = 0;
	let previous = none;
	let steps = 0;
	for (let h = heap.first; h !== none; h = b.next[h]!) {
		// A cycle always trips the prev check first (a revisited block had a different predecessor); this
		// bound is a backstop so that the checker can never loop, whatever the links say.
		if (++steps > b.handleLimit) return 'the block list is longer than the block table: the next links form a cycle';
		if (!b.isAlive(h)) return `handle ${h} is linked into the block list but its row is dead`;
		if (b.prev[h] !== previous) return `${describe(heap, h)} has prev ${b.prev[h]}, expected ${previous}`;
		const addr = b.addr[h]!;
		const size = b.size[h]!;
		if (addr < cursor) return `${describe(heap, h)} overlaps the block before it, which ends at ${cursor}`;
		if (addr > cursor) return `${describe(heap, h)} leaves a gap [${cursor}, ${addr}) no block covers`;
		if (!(size > 0)) return `${describe(heap, h)} has size ${size}`;
		const flags = b.flags[h]!;
		if ((flags & BlockFlag.free) !== 0) {
			const problem = checkFreeBlock(heap, h, previous);
			if (problem) return problem;
			recount.freeBlocks++;
			recount.freeBytes += size;
			if (size > recount.largestFree) recount.largestFree = size;
			recount.isFreeBlock[h] = 1;
		} else if ((flags & BlockFlag.reserved) !== 0) {
			recount.reservedBytes += size;
		} else {
			const request = b.request[h]!;
			if (addr % align !== 0) return `${describe(heap, h)} is not aligned to ${align}`;
			if (request < 0 || request > size - header) {
				return `${describe(heap, h)} holds a ${request}-byte payload, more than its size less the ${header}-byte header`;
			}
			recount.usedBlocks++;
			recount.usedBlockBytes += size;
			recount.payloadBytes += request;
		}
		cursor = addr + size;
		previous = h;
	}
	if (heap.last !== previous) return `heap.last is ${heap.last} but the list ends at ${previous}`;
	if (cursor !== heap.top) return `the blocks end at ${cursor} but heap.top is ${heap.top}`;
	if (heap.highWater < heap.top) return `highWater ${heap.highWater} is below top ${heap.top}`;
	if (!heap.growable && heap.top !== heap.params.capacity) {
		return `a fixed heap of ${heap.params.capacity} bytes has top ${heap.top}`;
	}
	return recount;
}

function checkFreeBlock(heap: Heap, h: number, previous: number): string | undefined {
	const b = heap.blocks;
	const addr = b.addr[h]!;
	const size = b.size[h]!;
	if (b.flags[h] !== (BlockFlag.row | BlockFlag.free)) return `${describe(heap, h)} has flags ${b.flags[h]} besides free`;
	if (b.request[h] !== 0) return `${describe(heap, h)} still counts a ${b.request[h]}-byte payload`;
	// A free piece below the alignment can sit at an odd address at the end of an odd-sized heap; it can never be used.
	if (size >= heap.params.align && addr % heap.params.align !== 0) {
		return `${describe(heap, h)} is not aligned to ${heap.params.align}`;
	}
	const immediate = heap.params.coalescing === 'immediate';
	if (!heap.isBuddy) {
		if (immediate && previous !== none && b.isFree(previous)) {
			return `${describe(heap, h)} follows free block ${previous} uncoalesced`;
		}
		return undefined;
	}
	if (!isPowerOfTwo(size) || addr % size !== 0) return `${describe(heap, h)} is not an aligned power of two`;
	if (!immediate || addr % (2 * size) !== 0) return undefined;
	const mate = b.next[h]!;
	if (mate !== none && b.isFree(mate) && b.size[mate] === size) {
		return `${describe(heap, h)} and its buddy ${describe(heap, mate)} are both free`;
	}
	return undefined;
}

function checkTotals(heap: Heap, recount: Recount): string | undefined {
	const totals = ['usedBlocks', 'usedBlockBytes', 'payloadBytes', 'freeBlocks', 'freeBytes', 'reservedBytes'] as const;
	for (const total of totals) {
		if (heap[total] !== recount[total]) return `heap.${total} is ${heap[total]} but a recount gives ${recount[total]}`;
	}
	if (heap.largestFree() !== recount.largestFree) {
		return `largestFree() is ${heap.largestFree()} but the largest free block has ${recount.largestFree} bytes`;
	}
	return undefined;
}

/** The strategy's index holds exactly the free blocks, each once. */
function checkIndex(heap: Heap, recount: Recount): string | undefined {
	const seen = recount.isFreeBlock;
	const indexed = heap.strategy.handles();
	for (const h of indexed) {
		if (h < 0 || h >= seen.length || seen[h] === 0) {
			return `${heap.strategy.name} indexes handle ${h}, which is not a free block`;
		}
		if (seen[h] === 2) return `${heap.strategy.name} indexes free block ${h} twice`;
		seen[h] = 2;
	}
	if (indexed.length !== recount.freeBlocks) {
		const missing = seen.indexOf(1);
		return `${heap.strategy.name} is missing ${describe(heap, missing)}`;
	}
	return heap.strategy.structureProblem?.();
}

/** The heap map's used and leaked bytes per cell agree with the blocks (once it is kept: before, it is filled from them on first read). */
function checkMap(heap: Heap): string | undefined {
	const b = heap.blocks;
	const map = heap.map;
	if (!map.tracking) return undefined;
	const used = new Float64Array(map.cellCount);
	const leaked = new Float64Array(map.cellCount);
	for (let h = heap.first; h !== none; h = b.next[h]!) {
		const flags = b.flags[h]!;
		if ((flags & BlockFlag.free) !== 0) continue;
		if ((flags & BlockFlag.reserved) === 0) spread(used, map.cellBytes, b.addr[h]!, b.size[h]!);
		if ((flags & BlockFlag.leaked) !== 0) spread(leaked, map.cellBytes, b.addr[h]!, b.size[h]!);
	}
	for (let cell = 0; cell < map.cellCount; cell++) {
		if (map.used[cell] !== used[cell]) {
			return `heap map cell ${cell} counts ${map.used[cell]} used bytes, the blocks ${used[cell]}`;
		}
		if (map.leaked[cell] !== leaked[cell]) {
			return `heap map cell ${cell} counts ${map.leaked[cell]} leaked bytes, the blocks ${leaked[cell]}`;
		}
	}
	return undefined;
}

function spread(cells: Float64Array, cellBytes: number, addr: number, size: number): void {
	const end = addr + size;
	for (let cell = Math.floor(addr / cellBytes); cell * cellBytes < end && cell < cells.length; cell++) {
		const from = Math.max(addr, cell * cellBytes);
		const to = Math.min(end, (cell + 1) * cellBytes);
		cells[cell] = cells[cell]! + (to - from);
	}
}
