import {describe, expect, it} from 'vitest';
import {BlockTable} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap, type HeapParams} from '../../source/engine/heap.js';
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

/** Used 64@0, free 64@64, used 64@128, free 320@192, and their handles in that (address) order. */
function sample(params: Partial<HeapParams> = {}): {heap: Heap; at: number[]} {
	const heap = makeHeap('first-fit', params);
	const [, b] = [64, 64, 64].map(size => heap.allocate(size, 0, 0));
	heap.free(b!);
	const at: number[] = [];
	for (let h = heap.first; h !== -1; h = heap.blocks.next[h]!) at.push(h);
	return {heap, at};
}

describe('checkHeapInvariants', () => {
	it('accepts a sound heap', () => {
		expect(checkHeapInvariants(sample().heap)).toBeUndefined();
		expect(checkHeapInvariants(makeHeap('buddy', {capacity: 1000}))).toBeUndefined();
		expect(checkHeapInvariants(makeHeap('tlsf', {capacity: 'grow'}))).toBeUndefined();
	});

	it('reports overlapping blocks', () => {
		const {heap, at} = sample();
		heap.blocks.addr[at[1]!] = 56;
		expect(checkHeapInvariants(heap)).toBe(`free block ${at[1]} [56, 120) overlaps the block before it, which ends at 64`);
	});

	it('reports a gap no block covers', () => {
		const {heap, at} = sample();
		heap.blocks.size[at[1]!] = 48;
		expect(checkHeapInvariants(heap)).toBe(`used block ${at[2]} [128, 192) leaves a gap [112, 128) no block covers`);
	});

	it('reports blocks that end short of the top', () => {
		const {heap} = sample();
		heap.top = 1024;
		expect(checkHeapInvariants(heap)).toBe('the blocks end at 512 but heap.top is 1024');
	});

	it('reports a prev link that disagrees with the next links', () => {
		const {heap, at} = sample();
		heap.blocks.prev[at[2]!] = at[0]!;
		expect(checkHeapInvariants(heap)).toBe(`used block ${at[2]} [128, 192) has prev ${at[0]}, expected ${at[1]}`);
	});

	it('reports a cycle in the next links instead of looping', () => {
		const {heap, at} = sample();
		heap.blocks.next[at[2]!] = at[0]!;
		expect(checkHeapInvariants(heap)).toBe(`used block ${at[0]} [0, 64) has prev -1, expected ${at[2]}`);
	});

	it('reports a dead row left in the list', () => {
		const {heap, at} = sample();
		heap.blocks.destroy(at[2]!);
		expect(checkHeapInvariants(heap)).toBe(`handle ${at[2]} is linked into the block list but its row is dead`);
	});

	it('reports a running total that drifted from a recount', () => {
		const {heap} = sample();
		heap.freeBytes += 8;
		expect(checkHeapInvariants(heap)).toBe('heap.freeBytes is 392 but a recount gives 384');
		heap.freeBytes -= 8;
		heap.payloadBytes = 100;
		expect(checkHeapInvariants(heap)).toBe('heap.payloadBytes is 100 but a recount gives 128');
	});

	it('reports a payload larger than its block less the header', () => {
		const {heap, at} = sample({header: 8});
		heap.blocks.request[at[0]!] = 72;
		expect(checkHeapInvariants(heap)).toBe(
			`used block ${at[0]} [0, 72) holds a 72-byte payload, more than its size less the 8-byte header`,
		);
	});

	it('reports a free block missing from the strategy index', () => {
		const {heap, at} = sample();
		heap.strategy.remove(at[1]!);
		expect(checkHeapInvariants(heap)).toBe(`first-fit is missing free block ${at[1]} [64, 128)`);
	});

	it('reports an index entry that is not a free block', () => {
		const {heap, at} = sample();
		heap.strategy.insert(at[0]!);
		expect(checkHeapInvariants(heap)).toBe(`first-fit indexes handle ${at[0]}, which is not a free block`);
	});

	it('reports two adjacent free blocks under immediate coalescing', () => {
		const heap = makeHeap('best-fit', {coalescing: 'none'});
		const [a, b] = [64, 64, 384].map(size => heap.allocate(size, 0, 0));
		heap.free(a!);
		heap.free(b!);
		expect(checkHeapInvariants(heap)).toBeUndefined();
		heap.params = {...heap.params, coalescing: 'immediate'};
		expect(checkHeapInvariants(heap)).toBe(`free block ${b} [64, 128) follows free block ${a} uncoalesced`);
	});

	it('reports two free buddies under immediate coalescing', () => {
		const heap = makeHeap('buddy', {capacity: 128, coalescing: 'deferred'});
		const [a, b] = [32, 32, 64].map(size => heap.allocate(size, 0, 0));
		heap.free(a!);
		heap.free(b!);
		expect(checkHeapInvariants(heap)).toBeUndefined();
		heap.params = {...heap.params, coalescing: 'immediate'};
		expect(checkHeapInvariants(heap)).toMatch(/^free block \d+ \[0, 32\) and its buddy free block \d+ \[32, 64\) are both free$/);
	});

	it('reports a free buddy block that is not an aligned power of two', () => {
		const heap = makeHeap('buddy', {capacity: 128});
		const h = heap.first;
		heap.blocks.size[h] = 96;
		heap.top = 96;
		heap.freeBytes = 96;
		expect(checkHeapInvariants(heap)).toBe(`free block ${h} [0, 96) is not an aligned power of two`);
	});

	it('reports a used block at an unaligned address', () => {
		const {heap, at} = sample({align: 16});
		heap.blocks.addr[at[2]!] = 120;
		heap.blocks.size[at[1]!] = 56;
		heap.blocks.size[at[2]!] = 72;
		expect(checkHeapInvariants(heap)).toBe(`used block ${at[2]} [120, 192) is not aligned to 16`);
	});

	it('reports a heap map cell that disagrees with the blocks', () => {
		const {heap} = sample();
		heap.map.addUsed(64, 8, 1);
		// 64 cells over 512 bytes: cell 8 is [64, 72), inside the free block.
		expect(checkHeapInvariants(heap)).toBe('heap map cell 8 counts 8 used bytes, the blocks 0');
	});
});
