import {describe, expect, it} from 'vitest';
import {BlockTable, none} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap, type HeapParams} from '../../source/engine/heap.js';
import {InputError} from '../../source/engine/input-error.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';

function makeHeap(name: string, params: Partial<HeapParams> = {}): Heap {
	const blocks = new BlockTable(16);
	const holder: {heap?: Heap} = {};
	const strategy = findStrategy(name).create({blocks, firstBlock: () => holder.heap!.first});
	holder.heap = new Heap({...defaultHeapParams, capacity: 512, ...params}, strategy, blocks, 64);
	// Kept from the start, so the invariant checker compares the map's per-event updates with the blocks.
	holder.heap.map.track();
	return holder.heap;
}

/** Free blocks as [address, size], in address order. */
function freeBlocks(heap: Heap): Array<[number, number]> {
	const result: Array<[number, number]> = [];
	for (let h = heap.first; h !== none; h = heap.blocks.next[h]!) {
		if (heap.blocks.isFree(h)) result.push([heap.blocks.addr[h]!, heap.blocks.size[h]!]);
	}
	return result;
}

function place(heap: Heap, h: number): [number, number] {
	return [heap.blocks.addr[h]!, heap.blocks.size[h]!];
}

function allocate(heap: Heap, ...requests: number[]): number[] {
	return requests.map(request => heap.allocate(request, 0, 0));
}

describe('realloc', () => {
	it('grows in place into the free block after it', () => {
		const heap = makeHeap('first-fit');
		const [a, b] = allocate(heap, 64, 64);
		heap.free(b!);
		expect(heap.realloc(a!, 100)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 104]);
		expect(freeBlocks(heap)).toEqual([[104, 408]]);
		expect([heap.payloadBytes, heap.usedBlockBytes]).toEqual([100, 104]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('keeps a remainder below the split threshold inside the grown block', () => {
		const heap = makeHeap('first-fit', {splitThreshold: 32});
		const [a, b] = allocate(heap, 64, 40, 408);
		heap.free(b!);
		expect(heap.realloc(a!, 80)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 104]);
		expect(freeBlocks(heap)).toEqual([]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('shrinks in place and gives the tail back, merged with the free space after it', () => {
		const heap = makeHeap('first-fit');
		const [a] = allocate(heap, 200);
		expect(heap.realloc(a!, 20)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 24]);
		expect(freeBlocks(heap)).toEqual([[24, 488]]);
		expect(heap.payloadBytes).toBe(20);
	});

	it('leaves the shrunk tail unmerged under deferred coalescing', () => {
		const heap = makeHeap('first-fit', {coalescing: 'deferred'});
		const [a] = allocate(heap, 200);
		heap.realloc(a!, 20);
		expect(freeBlocks(heap)).toEqual([
			[24, 176],
			[200, 312],
		]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('moves a block that cannot grow in place, keeping its handle and freeing the old place', () => {
		const heap = makeHeap('first-fit');
		const [a, b] = allocate(heap, 64, 64);
		heap.blocks.site[a!] = 7;
		expect(heap.realloc(a!, 200)).toBe(a);
		expect(place(heap, a!)).toEqual([128, 200]);
		expect(place(heap, b!)).toEqual([64, 64]);
		expect(heap.blocks.site[a!]).toBe(7);
		expect(freeBlocks(heap)).toEqual([
			[0, 64],
			[328, 184],
		]);
		expect([heap.usedBlocks, heap.payloadBytes]).toEqual([2, 264]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('returns -1 and leaves the block as it was when nothing fits', () => {
		const heap = makeHeap('best-fit');
		const [a] = allocate(heap, 64, 400);
		expect(heap.realloc(a!, 300)).toBe(none);
		expect(place(heap, a!)).toEqual([0, 64]);
		expect(heap.blocks.request[a!]).toBe(64);
		expect(heap.payloadBytes).toBe(464);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('unmarks a leaked block it resizes in place, so the heap map stays exact', () => {
		const heap = makeHeap('first-fit');
		const [a] = allocate(heap, 64);
		heap.setLeaked(a!, true);
		heap.realloc(a!, 200);
		expect(heap.blocks.flags[a!]! & 2).toBe(0);
		expect(checkHeapInvariants(heap)).toBeUndefined();
		heap.free(a!);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('grows a buddy block in place over its free buddies, whole or in pieces', () => {
		const heap = makeHeap('buddy', {capacity: 256});
		const [a, b, c] = allocate(heap, 30, 10, 12);
		expect([place(heap, a!), place(heap, b!), place(heap, c!)]).toEqual([
			[0, 32],
			[32, 16],
			[48, 16],
		]);
		heap.free(b!);
		heap.free(c!);
		// [32, 48) and [48, 64) merged into a's buddy [32, 64): a doubles where it stands.
		expect(heap.realloc(a!, 60)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 64]);
		expect(freeBlocks(heap)).toEqual([
			[64, 64],
			[128, 128],
		]);
		expect([heap.usedBlockBytes, heap.payloadBytes, heap.freeBytes]).toEqual([64, 60, 192]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('grows the top buddy block of a growable heap by raising the top', () => {
		const heap = makeHeap('buddy', {capacity: 'grow'});
		const [a] = allocate(heap, 16);
		expect(heap.realloc(a!, 100)).toBe(a);
		expect(heap.realloc(a!, 5000)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 8192]);
		expect([heap.top, heap.highWater, heap.freeBlocks]).toEqual([8192, 8192, 0]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('moves a buddy block whose address is not a multiple of the larger size', () => {
		const heap = makeHeap('buddy', {capacity: 256});
		const [a, b] = allocate(heap, 30, 30);
		heap.free(a!);
		// b at 32 could only double into [32, 96), which is no buddy block: it moves to [64, 128).
		expect(heap.realloc(b!, 40)).toBe(b);
		expect(place(heap, b!)).toEqual([64, 64]);
		expect(freeBlocks(heap)).toEqual([
			[0, 64],
			[128, 128],
		]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('moves under buddy to a power-of-two block', () => {
		const heap = makeHeap('buddy', {capacity: 256});
		const [a, b] = allocate(heap, 30, 30);
		expect(heap.realloc(a!, 40)).toBe(a);
		expect(place(heap, a!)).toEqual([64, 64]);
		expect(place(heap, b!)).toEqual([32, 32]);
		expect(freeBlocks(heap)).toEqual([
			[0, 32],
			[128, 128],
		]);
	});
});

describe('a growable heap', () => {
	it('starts empty and raises its top and high-water as it extends', () => {
		const heap = makeHeap('first-fit', {capacity: 'grow'});
		expect([heap.top, heap.first]).toEqual([0, none]);
		const [a] = allocate(heap, 100, 50);
		expect([heap.top, heap.highWater]).toEqual([160, 160]);
		heap.free(a!);
		expect([heap.top, heap.highWater]).toEqual([160, 160]);
		expect(place(heap, allocate(heap, 40)[0]!)).toEqual([0, 40]);
		expect(heap.top).toBe(160);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('extends a free block at the top rather than appending a new one', () => {
		const heap = makeHeap('first-fit', {capacity: 'grow'});
		const [, b] = allocate(heap, 64, 64);
		heap.free(b!);
		expect(place(heap, allocate(heap, 100)[0]!)).toEqual([64, 104]);
		expect(heap.top).toBe(168);
		expect(freeBlocks(heap)).toEqual([]);
	});

	it('grows the last block in place by raising the top', () => {
		const heap = makeHeap('best-fit', {capacity: 'grow'});
		const [a] = allocate(heap, 64);
		expect(heap.realloc(a!, 200)).toBe(a);
		expect(place(heap, a!)).toEqual([0, 200]);
		expect([heap.top, heap.highWater]).toEqual([200, 200]);
	});

	it('pads the top to the alignment of a buddy block with free power-of-two pieces', () => {
		const heap = makeHeap('buddy', {capacity: 'grow'});
		const [a, b] = allocate(heap, 24, 100);
		expect(place(heap, a!)).toEqual([0, 32]);
		expect(place(heap, b!)).toEqual([128, 128]);
		expect(freeBlocks(heap)).toEqual([
			[32, 32],
			[64, 64],
		]);
		expect(heap.highWater).toBe(256);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('grows a free last block over the padding pieces that are its buddies, as freeing them would', () => {
		const heap = makeHeap('buddy', {capacity: 'grow'});
		const [a] = allocate(heap, 8);
		heap.free(a!);
		expect(freeBlocks(heap)).toEqual([[0, 8]]);
		// The top (8) pads to 512 with pieces of 8, 16, 32, 64, 128 and 256: each is the buddy of the free
		// block below it, so they all end in one free block, indexed once.
		const [b] = allocate(heap, 472);
		expect(place(heap, b!)).toEqual([512, 512]);
		expect(freeBlocks(heap)).toEqual([[0, 512]]);
		expect(heap.strategy.handles()).toHaveLength(1);
		expect([heap.freeBlocks, heap.freeBytes, heap.top]).toEqual([1, 512, 1024]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('pads past a used last block with pieces of their own, which the next pieces do not grow', () => {
		const heap = makeHeap('buddy', {capacity: 'grow'});
		const [a, c] = allocate(heap, 32, 16);
		// [0, 32) a, [32, 48) c; the top (48) pads to 128 with 16 at 48 (its buddy c is used: a block of
		// its own), then 64 at 64 (the block below is 16 bytes, not its buddy: a second block).
		expect(place(heap, c!)).toEqual([32, 16]);
		const [d] = allocate(heap, 128);
		expect(place(heap, d!)).toEqual([128, 128]);
		expect(freeBlocks(heap)).toEqual([
			[48, 16],
			[64, 64],
		]);
		expect([heap.freeBlocks, heap.freeBytes]).toEqual([2, 80]);
		heap.free(c!);
		// c merges with [48, 16], then [32, 32] stays: its buddy [0, 32) is a.
		expect(freeBlocks(heap)).toEqual([
			[32, 32],
			[64, 64],
		]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('merges a freed buddy block up every level before indexing the result once', () => {
		const heap = makeHeap('buddy', {capacity: 'grow'});
		const [a, b, c] = allocate(heap, 32, 32, 64);
		heap.free(b!);
		heap.free(c!);
		expect(freeBlocks(heap)).toEqual([
			[32, 32],
			[64, 64],
		]);
		heap.free(a!);
		// 32+32 merge into 64, which merges with [64, 64] into the whole 128.
		expect(freeBlocks(heap)).toEqual([[0, 128]]);
		expect(heap.strategy.handles()).toHaveLength(1);
		expect([heap.freeBlocks, heap.freeBytes]).toEqual([1, 128]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});
});

describe('coalescing modes', () => {
	/** Three 64-byte blocks then one filling the rest of the 512-byte heap; the first two freed. */
	function twoFreed(coalescing: HeapParams['coalescing']): Heap {
		const heap = makeHeap('first-fit', {coalescing});
		const [a, b] = allocate(heap, 64, 64, 64, 320);
		heap.free(a!);
		heap.free(b!);
		return heap;
	}

	it('immediate coalescing merges a freed block with its free neighbours', () => {
		expect(freeBlocks(twoFreed('immediate'))).toEqual([[0, 128]]);
	});

	it('deferred coalescing keeps neighbours apart until a request fails, then merges them all', () => {
		const heap = twoFreed('deferred');
		expect(freeBlocks(heap)).toEqual([
			[0, 64],
			[64, 64],
		]);
		expect(place(heap, allocate(heap, 100)[0]!)).toEqual([0, 104]);
		expect(freeBlocks(heap)).toEqual([[104, 24]]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('no coalescing leaves a request failing that merged neighbours would have held', () => {
		const heap = twoFreed('none');
		expect(heap.allocate(100, 0, 0)).toBe(none);
		expect(heap.largestFree()).toBe(64);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('deferred coalescing under buddy merges buddies when a request fails', () => {
		const heap = makeHeap('buddy', {capacity: 128, coalescing: 'deferred'});
		const [a, b] = allocate(heap, 32, 32, 64);
		heap.free(a!);
		heap.free(b!);
		expect(freeBlocks(heap)).toEqual([
			[0, 32],
			[32, 32],
		]);
		expect(place(heap, allocate(heap, 60)[0]!)).toEqual([0, 64]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});
});

describe('collector support', () => {
	it('carveAt counts the whole block when the remainder is too small to split off', () => {
		const heap = makeHeap('first-fit', {splitThreshold: 32});
		const h = heap.carveAt(0, 496);
		expect(place(heap, h)).toEqual([0, 512]);
		expect(heap.usedBlockBytes).toBe(512);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('carveAt cuts a reserve out of the middle of a free block', () => {
		const heap = makeHeap('tlsf');
		const h = heap.carveAt(128, 256);
		heap.setReserved(h, true);
		expect(freeBlocks(heap)).toEqual([
			[0, 128],
			[384, 128],
		]);
		expect([heap.reservedBytes, heap.usedBlockBytes]).toEqual([256, 0]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('relayout tiles the gaps after a collector moved blocks', () => {
		const heap = makeHeap('best-fit');
		const [a, b, c] = allocate(heap, 64, 64, 64);
		heap.free(b!);
		heap.blocks.addr[c!] = 64;
		heap.relayout();
		expect(place(heap, a!)).toEqual([0, 64]);
		expect(place(heap, c!)).toEqual([64, 64]);
		expect(freeBlocks(heap)).toEqual([[128, 384]]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});

	it('relayout raises the high-water when a block moved above a growable top', () => {
		const heap = makeHeap('first-fit', {capacity: 'grow'});
		const [a] = allocate(heap, 64);
		heap.blocks.addr[a!] = 128;
		heap.relayout();
		expect([heap.top, heap.highWater]).toEqual([192, 192]);
		expect(freeBlocks(heap)).toEqual([[0, 128]]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});
});

describe('scale', () => {
	for (const name of ['tlsf', 'first-fit']) {
		it(`holds a million live blocks under ${name}`, {timeout: 120_000}, () => {
			const heap = makeHeap(name, {capacity: 64 * 1024 * 1024});
			const handles = new Int32Array(1_000_000);
			for (let i = 0; i < handles.length; i++) handles[i] = heap.allocate(8, 0, 0);
			expect(handles.indexOf(none)).toBe(-1);
			expect(heap.usedBlocks).toBe(1_000_000);
			expect(heap.usedBlockBytes).toBe(8_000_000);
			// Every other block freed: half a million holes that cannot coalesce, all in the index.
			for (let i = 0; i < handles.length; i += 2) heap.free(handles[i]!);
			expect(heap.freeBlocks).toBe(500_001);
			expect(heap.strategy.handles().length).toBe(500_001);
			expect(checkHeapInvariants(heap)).toBeUndefined();
			for (let i = 0; i < handles.length; i += 2) handles[i] = heap.allocate(8, 0, 0);
			expect(heap.usedBlocks).toBe(1_000_000);
			expect(checkHeapInvariants(heap)).toBeUndefined();
		});
	}
});

describe('block sizes', () => {
	it('rounds the request plus header up to the alignment, never below the smallest block', () => {
		const heap = makeHeap('tlsf', {align: 16, header: 8, minBlock: 32});
		expect([0, 1, 8, 24, 25, 40, 41, 1000, 2 ** 29].map(r => heap.blockSizeFor(r))).toEqual([32, 32, 32, 32, 48, 48, 64, 1008, 2 ** 29 + 16]);
	});

	it('refuses an alignment that is not a power of two, as posix_memalign does', () => {
		expect(() => makeHeap('first-fit', {align: 24})).toThrow(new InputError('alignment 24 is not a power of two'));
	});

	it('rounds fractional sizes and sizes past 2^31 as a division would', () => {
		const heap = makeHeap('first-fit', {align: 8, header: 0});
		expect(heap.blockSizeFor(8.5)).toBe(16);
		expect(heap.blockSizeFor(2 ** 31 + 1)).toBe(2 ** 31 + 8);
		expect(heap.blockSizeFor(2 ** 40 - 3)).toBe(2 ** 40);
	});

	it('gives buddy the next power of two of the aligned size', () => {
		const heap = makeHeap('buddy', {align: 8, header: 8});
		expect([1, 8, 9, 100, 1016, 1017].map(r => heap.blockSizeFor(r))).toEqual([16, 16, 32, 128, 1024, 2048]);
	});
});
