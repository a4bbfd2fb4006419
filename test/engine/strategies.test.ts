import {describe, expect, it} from 'vitest';
import {BlockTable, none} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap, type HeapParams} from '../../source/engine/heap.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {Rng} from '../../source/engine/rng.js';
import {baselineStrategies, findStrategy, strategies, strategyNames} from '../../source/engine/strategies/registry.js';

function makeHeap(name: string, params: Partial<HeapParams> = {}, sizeClasses?: number[]): Heap {
	const blocks = new BlockTable(16);
	const holder: {heap?: Heap} = {};
	const strategy = findStrategy(name).create({blocks, firstBlock: () => holder.heap!.first, sizeClasses});
	holder.heap = new Heap({...defaultHeapParams, capacity: 512, ...params}, strategy, blocks, 64);
	// Kept from the start, so the invariant checker compares the map's per-event updates with the blocks.
	holder.heap.map.track();
	return holder.heap;
}

function switchTo(heap: Heap, name: string): void {
	heap.setStrategy(findStrategy(name).create({blocks: heap.blocks, firstBlock: () => heap.first}));
}

/** Free blocks as [address, size], in address order. */
function freeBlocks(heap: Heap): Array<[number, number]> {
	const result: Array<[number, number]> = [];
	for (let h = heap.first; h !== none; h = heap.blocks.next[h]!) {
		if (heap.blocks.isFree(h)) result.push([heap.blocks.addr[h]!, heap.blocks.size[h]!]);
	}
	return result;
}

function allocateAt(heap: Heap, request: number): number {
	const h = heap.allocate(request, 0, 0);
	return h === none ? -1 : heap.blocks.addr[h]!;
}

/** A 512-byte heap whose free holes are 64@0, 32@128 and 128@256; everything else is in use. */
function holes(name: string, sizeClasses?: number[]): Heap {
	const heap = makeHeap(name, {}, sizeClasses);
	const [a, , c, , e] = [64, 64, 32, 96, 128, 128].map(size => heap.allocate(size, 0, 0));
	for (const h of [a!, c!, e!]) heap.free(h);
	expect(freeBlocks(heap)).toEqual([
		[0, 64],
		[128, 32],
		[256, 128],
	]);
	return heap;
}

describe('the registry', () => {
	it('cycles through the strategies in the documented order', () => {
		expect(strategyNames()).toEqual(['first-fit', 'next-fit', 'best-fit', 'worst-fit', 'buddy', 'segregated', 'tlsf']);
	});

	it('gives every strategy a one-line description', () => {
		for (const s of [...strategies, ...baselineStrategies]) {
			expect(s.description.length).toBeGreaterThan(20);
			expect(s.description).not.toContain('\n');
		}
	});

	it('rejects an unknown name listing the valid ones', () => {
		expect(() => findStrategy('fastest-fit')).toThrow(/unknown strategy 'fastest-fit' \(valid: first-fit, next-fit/);
	});
});

describe('placement on holes of 64@0, 32@128, 128@256', () => {
	it('first-fit takes the lowest address that fits', () => {
		const heap = holes('first-fit');
		expect(allocateAt(heap, 30)).toBe(0);
		expect(allocateAt(heap, 30)).toBe(32);
		expect(allocateAt(heap, 30)).toBe(128);
		expect(allocateAt(heap, 100)).toBe(256);
	});

	it('first-fit skips holes too small for the request', () => {
		const heap = holes('first-fit');
		expect(allocateAt(heap, 100)).toBe(256);
		expect(allocateAt(heap, 65)).toBe(none);
	});

	it('best-fit takes the smallest hole that fits', () => {
		const heap = holes('best-fit');
		expect(allocateAt(heap, 30)).toBe(128);
		expect(allocateAt(heap, 40)).toBe(0);
		// The remainder 24@40 is now the tightest hole for 16 bytes.
		expect(allocateAt(heap, 16)).toBe(40);
	});

	it('worst-fit takes the largest hole', () => {
		const heap = holes('worst-fit');
		expect(allocateAt(heap, 30)).toBe(256);
		expect(allocateAt(heap, 30)).toBe(288);
		// Holes are now 64@0, 32@128, 64@320: equal sizes go to the lower address.
		expect(allocateAt(heap, 8)).toBe(0);
	});

	it('next-fit continues from the last placement instead of restarting at the bottom', () => {
		const heap = holes('next-fit');
		// The rover sits at 384 after the set-up; nothing fits above it, so the search wraps.
		expect(allocateAt(heap, 30)).toBe(0);
		expect(allocateAt(heap, 60)).toBe(256);
		// First fit would now take the remainder 32@32; next fit goes on from 256.
		expect(allocateAt(heap, 30)).toBe(320);
		expect(allocateAt(heap, 30)).toBe(352);
		expect(allocateAt(heap, 30)).toBe(32);
	});

	it('next-fit resumes inside a freed block that swallowed the rover', () => {
		const heap = holes('next-fit');
		const x = heap.allocate(30, 0, 0);
		expect(heap.blocks.addr[x]).toBe(0);
		heap.free(x);
		expect(freeBlocks(heap)[0]).toEqual([0, 64]);
		expect(allocateAt(heap, 30)).toBe(0);
	});

	it('segregated fit takes the request class, then the next non-empty class', () => {
		const heap = holes('segregated');
		expect(allocateAt(heap, 30)).toBe(128);
		// 40 bytes is class (32, 48], empty; the next non-empty class is (48, 64].
		expect(allocateAt(heap, 40)).toBe(0);
		expect(allocateAt(heap, 100)).toBe(256);
	});

	it('segregated fit searches its own class first fit, skipping blocks smaller than the request', () => {
		const heap = holes('segregated', [64, 128]);
		// Class (0, 64] holds 32@128 (freed last, so first in the list) and 64@0.
		expect(allocateAt(heap, 48)).toBe(0);
		expect(allocateAt(heap, 100)).toBe(256);
		// The class list is now 24@360, 16@48, 32@128 (newest first): 28 bytes passes over the first two.
		expect(allocateAt(heap, 28)).toBe(128);
	});

	it('tlsf takes the head of the first list at or above the request rounded to its list', () => {
		const heap = holes('tlsf');
		expect(allocateAt(heap, 30)).toBe(128);
		expect(allocateAt(heap, 60)).toBe(0);
		expect(allocateAt(heap, 60)).toBe(256);
	});

	it('naive-first-fit agrees with first-fit', () => {
		const heap = holes('naive-first-fit');
		expect(allocateAt(heap, 30)).toBe(0);
		expect(allocateAt(heap, 100)).toBe(256);
	});
});

describe('segregated size classes', () => {
	it('rejects classes that do not ascend', () => {
		expect(() => makeHeap('segregated', {}, [64, 32])).toThrow('size classes must ascend: 32 follows 64');
	});

	it('rejects a class bound that is not a positive whole number', () => {
		expect(() => makeHeap('segregated', {}, [16, 0.5])).toThrow("size classes: '0.5' is not a positive whole number");
	});
});

describe('buddy placement', () => {
	it('rounds a request up to a power of two and halves the heap down to it', () => {
		const heap = makeHeap('buddy', {capacity: 256});
		const h = heap.allocate(30, 0, 0);
		expect([heap.blocks.addr[h], heap.blocks.size[h]]).toEqual([0, 32]);
		expect(freeBlocks(heap)).toEqual([
			[32, 32],
			[64, 64],
			[128, 128],
		]);
	});

	it('merges buddies back into the whole heap', () => {
		const heap = makeHeap('buddy', {capacity: 256});
		const a = heap.allocate(30, 0, 0);
		const b = heap.allocate(60, 0, 0);
		expect(heap.blocks.addr[b]).toBe(64);
		heap.free(a);
		expect(freeBlocks(heap)).toEqual([
			[0, 64],
			[128, 128],
		]);
		heap.free(b);
		expect(freeBlocks(heap)).toEqual([[0, 256]]);
	});

	it('cuts an odd-sized heap into aligned power-of-two pieces', () => {
		const heap = makeHeap('buddy', {capacity: 200});
		expect(freeBlocks(heap)).toEqual([
			[0, 128],
			[128, 64],
			[192, 8],
		]);
		expect(checkHeapInvariants(heap)).toBeUndefined();
	});
});

describe('switching strategies mid-run', () => {
	const names = strategyNames();
	for (const from of names) {
		for (const to of names) {
			if (from === to) continue;
			it(`keeps every live block in place from ${from} to ${to} and back`, () => {
				const rng = new Rng(names.indexOf(from) * 31 + names.indexOf(to));
				const heap = makeHeap(from, {capacity: 64 * 1024});
				const live: number[] = [];
				const churn = (): void => {
					for (let i = 0; i < 300; i++) {
						if (live.length > 0 && rng.chance(0.4)) {
							heap.free(live.splice(rng.int(0, live.length - 1), 1)[0]!);
						} else {
							const h = heap.allocate(rng.int(1, 300), 0, 0);
							if (h !== none) live.push(h);
						}
						expect(checkHeapInvariants(heap)).toBeUndefined();
					}
				};
				const places = (): string[] => live.map(h => `${h}:${heap.blocks.addr[h]}+${heap.blocks.size[h]}`);
				churn();
				const before = places();
				switchTo(heap, to);
				expect(heap.strategy.name).toBe(to);
				expect(places()).toEqual(before);
				expect(checkHeapInvariants(heap)).toBeUndefined();
				churn();
				const middle = places();
				switchTo(heap, from);
				expect(places()).toEqual(middle);
				expect(checkHeapInvariants(heap)).toBeUndefined();
				churn();
				for (const h of live) heap.free(h);
				expect(heap.usedBlocks).toBe(0);
				expect(checkHeapInvariants(heap)).toBeUndefined();
			});
		}
	}
});
