import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {AddressTree} from '../../source/engine/strategies/address-tree.js';
import {ExactSizeBins} from '../../source/engine/strategies/exact-size-bins.js';
import {LargestFirstHeap} from '../../source/engine/strategies/largest-first-heap.js';
import {segregated} from '../../source/engine/strategies/segregated.js';
import {SizeClassLists} from '../../source/engine/strategies/size-class-lists.js';
import {SizeTree} from '../../source/engine/strategies/size-tree.js';

/** Blocks laid out at distinct addresses (every 4096 bytes) with the given sizes, in a table that starts tiny so it grows. */
function table(sizes: readonly number[]): BlockTable {
	const blocks = new BlockTable(2);
	sizes.forEach((size, i) => blocks.create(i * 4096, size, BlockFlag.free));
	return blocks;
}

/** Slot i (at address i * 4096) gets a fresh free block of `size` bytes in the tree, or loses the one it has. */
function toggleSlot(tree: Resizable, blocks: BlockTable, slot: number[], i: number, size: number): void {
	const h = slot[i]!;
	if (h === none) {
		const fresh = blocks.create(i * 4096, size, BlockFlag.free);
		tree.insert(fresh);
		slot[i] = fresh;
	} else {
		tree.remove(h);
		blocks.destroy(h);
		slot[i] = none;
	}
}

type Resizable = AddressTree | SizeTree | LargestFirstHeap;

/** Steps of a resize script: a block comes or goes, is cut at its front, or grows. */
const resizeSteps = fc.array(fc.record({kind: fc.constantFrom('toggle', 'split', 'grow'), pick: fc.nat(), amount: fc.integer({min: 1, max: 30})}), {
	maxLength: 200,
});

/**
 * Replay a resize script in 64-byte units, as under the heap: a split's rest keeps its handle and moves
 * up inside its old range, a growth enlarges a block up to the next slot. Sizes are multiples of 64 from
 * a few values, so ties are common. `check` runs after every step with the blocks in the index.
 */
function replayResizes(
	blockSizes: readonly number[],
	script: ReadonlyArray<{kind: string; pick: number; amount: number}>,
	create: (blocks: BlockTable) => Resizable,
	check: (index: Resizable, blocks: BlockTable, held: number[], amount: number) => void,
): void {
	const blocks = table(blockSizes.map(s => 64 * (1 + (s % 8))));
	const index = create(blocks);
	const slot = blockSizes.map(() => none);
	for (const {kind, pick, amount} of script) {
		const i = pick % blockSizes.length;
		const h = slot[i]!;
		if (kind === 'toggle') {
			toggleSlot(index, blocks, slot, i, 64 * (1 + (blockSizes[i]! % 8)));
		} else if (h !== none && kind === 'split' && blocks.size[h]! > 64) {
			const cut = 64 * (1 + (amount % (blocks.size[h]! / 64 - 1)));
			blocks.addr[h] = blocks.addr[h]! + cut;
			blocks.size[h] = blocks.size[h]! - cut;
			index.moved(h);
		} else if (h !== none && kind === 'grow') {
			blocks.size[h] = Math.min(blocks.size[h]! + 64 * amount, (i + 1) * 4096 - blocks.addr[h]!);
			index.moved(h);
		}
		check(index, blocks, slot.filter(x => x !== none), amount);
	}
}

/** Block `h` leaves the index when `member` says it is in, else joins it; `member` follows. */
function toggleMember(index: {insert(h: number): void; remove(h: number): void}, member: Set<number>, h: number): void {
	if (member.has(h)) {
		index.remove(h);
		member.delete(h);
	} else {
		index.insert(h);
		member.add(h);
	}
}

const sizes = fc.array(fc.integer({min: 1, max: 4096}), {minLength: 1, maxLength: 300});
// Toggle membership of block `pick % n`; then ask a query of `size` bytes from address `from`.
const steps = fc.array(fc.record({pick: fc.nat(), size: fc.integer({min: 1, max: 4200}), from: fc.nat({max: 300 * 4096})}), {
	maxLength: 300,
});

describe('the address tree', () => {
	it('answers first fit and first fit from an address (the block holding it first) like a scan of the blocks', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				const blocks = table(blockSizes);
				const tree = new AddressTree(blocks, false);
				const member = new Set<number>();
				for (const {pick, size, from} of script) {
					const h = pick % blockSizes.length;
					toggleMember(tree, member, h);
					const inOrder = [...member].sort((x, y) => blocks.addr[x]! - blocks.addr[y]!);
					expect(tree.handles()).toEqual(inOrder);
					expect(tree.firstFit(size)).toBe(inOrder.find(x => blocks.size[x]! >= size) ?? none);
					// The block holding `from` when it fits, else the first fit at or after `from`.
					const holder = inOrder.find(x => blocks.addr[x]! <= from && from < blocks.addr[x]! + blocks.size[x]!);
					const fromHere = inOrder.find(x => blocks.addr[x]! >= from && blocks.size[x]! >= size);
					const expected = holder !== undefined && blocks.size[holder]! >= size ? holder : fromHere;
					expect(tree.firstFitEndingAfter(from, size)).toBe(expected ?? none);
					expect(tree.structureHolds()).toBe(true);
					const largestSize = Math.max(-1, ...inOrder.map(x => blocks.size[x]!));
					expect(tree.largest()).toBe(inOrder.find(x => blocks.size[x] === largestSize) ?? none);
				}
			}),
		);
	});

	it('keeps its order and maxima when a block is cut at its front or grows in place', () => {
		// Blocks 0..n-1 sit 4096 apart; a front cut moves a block's start up inside its own range (the rest
		// of a split), a growth enlarges it up to the next slot: both keep the block's handle.
		const ops = fc.array(fc.record({kind: fc.constantFrom('toggle', 'split', 'grow'), pick: fc.nat(), amount: fc.integer({min: 1, max: 4000})}), {
			maxLength: 200,
		});
		fc.assert(
			fc.property(sizes, ops, (blockSizes, script) => {
				const blocks = table(blockSizes.map(s => Math.min(s, 2048)));
				const tree = new AddressTree(blocks, false);
				// Which block currently holds each slot's place in the tree (or none).
				const slot = blockSizes.map(() => none);
				for (const {kind, pick, amount} of script) {
					const i = pick % blockSizes.length;
					const h = slot[i]!;
					if (kind === 'toggle') {
						toggleSlot(tree, blocks, slot, i, Math.min(blockSizes[i]!, 2048));
					} else if (h !== none && kind === 'split' && blocks.size[h]! > 1) {
						const cut = 1 + (amount % (blocks.size[h]! - 1));
						blocks.addr[h] = blocks.addr[h]! + cut;
						blocks.size[h] = blocks.size[h]! - cut;
						tree.moved(h);
					} else if (h !== none && kind === 'grow') {
						blocks.size[h] = Math.min(blocks.size[h]! + amount, (i + 1) * 4096 - blocks.addr[h]!);
						tree.moved(h);
					}
					const inOrder = slot.filter(x => x !== none);
					expect(tree.handles()).toEqual(inOrder);
					expect(tree.structureHolds()).toBe(true);
					expect(tree.firstFit(amount)).toBe(inOrder.find(x => blocks.size[x]! >= amount) ?? none);
				}
			}),
		);
	});

	it('refuses to remove a block it does not hold', () => {
		const blocks = table([64, 64]);
		const tree = new AddressTree(blocks, false);
		tree.insert(0);
		expect(() => tree.remove(1)).toThrow('free block 1 is not in the tree');
	});

	it('notices a block that grew without telling the tree, until it is told', () => {
		const blocks = table([64, 128]);
		const tree = new AddressTree(blocks, false);
		tree.insert(0);
		tree.insert(1);
		expect(tree.structureHolds()).toBe(true);
		blocks.size[1] = 200;
		expect(tree.structureHolds()).toBe(false);
		tree.moved(1);
		expect(tree.structureHolds()).toBe(true);
		expect(tree.firstFit(150)).toBe(1);
		expect(tree.largest()).toBe(1);
	});

	it('answers exactly after blocks shrink or leave, though their bounds stay high until a search passes', () => {
		const blocks = table([64, 512, 128, 256]);
		const tree = new AddressTree(blocks, false);
		for (const h of [0, 1, 2, 3]) tree.insert(h);
		blocks.size[1] = 96;
		tree.moved(1);
		tree.remove(3);
		expect(tree.structureHolds()).toBe(true);
		expect(tree.firstFit(100)).toBe(2);
		expect(tree.firstFit(129)).toBe(none);
		expect(tree.largest()).toBe(2);
		blocks.size[0] = 128;
		tree.moved(0);
		expect(tree.largest()).toBe(0);
		expect(tree.structureHolds()).toBe(true);
	});
});

describe('the size tree', () => {
	it('answers best fit and largest like a scan, lowest address among equal sizes', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				// Few distinct sizes, so that ties are common.
				const blocks = table(blockSizes.map(s => 64 * (1 + (s % 8))));
				const tree = new SizeTree(blocks, false);
				const member = new Set<number>();
				const bySizeThenAddress = (x: number, y: number): number =>
					blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!;
				for (const {pick, size} of script) {
					const h = pick % blockSizes.length;
					toggleMember(tree, member, h);
					const ordered = [...member].sort(bySizeThenAddress);
					expect(tree.handles()).toEqual(ordered);
					const request = size % 600;
					expect(tree.smallestFitting(request)).toBe(ordered.find(x => blocks.size[x]! >= request) ?? none);
					const top = ordered.length === 0 ? 0 : blocks.size[ordered[ordered.length - 1]!]!;
					expect(tree.largest()).toBe(ordered.find(x => blocks.size[x] === top) ?? none);
					expect(tree.structureHolds()).toBe(true);
				}
			}),
		);
	});
	it('keeps (size, address) order when a block is cut at its front or grows, in its node or moved', () => {
		// Both outcomes happen: the key still sorts in place, or it must move.
		fc.assert(
			fc.property(sizes, resizeSteps, (blockSizes, script) => {
				replayResizes(blockSizes, script, blocks => new SizeTree(blocks, false), (index, blocks, held, amount) => {
					const tree = index as SizeTree;
					const ordered = held.sort((x, y) => blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!);
					expect(tree.handles()).toEqual(ordered);
					expect(tree.structureHolds()).toBe(true);
					expect(tree.smallestFitting(64 * amount)).toBe(ordered.find(x => blocks.size[x]! >= 64 * amount) ?? none);
				});
			}),
		);
	});
});

describe('the largest-first heap', () => {
	it('keeps the largest block on top, lowest address among equal sizes, as blocks come, go, shrink at the front and grow', () => {
		// As under worst fit: the top block is cut at its front (it moves up and shrinks), a freed
		// neighbour makes a block grow.
		fc.assert(
			fc.property(sizes, resizeSteps, (blockSizes, script) => {
				replayResizes(blockSizes, script, blocks => new LargestFirstHeap(blocks), (index, blocks, held) => {
					const heap = index as LargestFirstHeap;
					const ordered = [...held].sort((x, y) => blocks.size[y]! - blocks.size[x]! || blocks.addr[x]! - blocks.addr[y]!);
					expect(heap.top()).toBe(ordered[0] ?? none);
					expect(heap.count).toBe(ordered.length);
					expect(heap.handles().sort((x, y) => x - y)).toEqual(held.sort((x, y) => x - y));
					expect(heap.structureProblem()).toBeUndefined();
				});
			}),
		);
	});

	it('refuses to remove a block it does not hold, and to take one twice', () => {
		const blocks = table([64, 64]);
		const heap = new LargestFirstHeap(blocks);
		heap.insert(0);
		expect(() => heap.remove(1)).toThrow('free block 1 is not in the heap');
		expect(() => heap.insert(0)).toThrow('free block 0 is already in the heap');
	});

	it('reports a copy of a block\'s size that went stale behind its back', () => {
		const blocks = table([64, 128, 192]);
		const heap = new LargestFirstHeap(blocks);
		for (const h of [0, 1, 2]) heap.insert(h);
		expect(heap.top()).toBe(2);
		blocks.size[0] = 256;
		expect(heap.structureProblem()).toBe("free block 0's size or address in the heap is stale");
	});
});

describe('size-class lists', () => {
	it('put a size in the first class whose upper bound holds it, with powers of two above the last', () => {
		const lists = new SizeClassLists(new BlockTable(4), [16, 48, 100]);
		expect([1, 16, 17, 48, 49, 100, 101, 128, 129, 256, 257].map(s => lists.classFor(s))).toEqual([
			0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5,
		]);
		expect(lists.bounds[3]).toBe(128);
		expect(lists.bounds[lists.bounds.length - 1]).toBe(Number.POSITIVE_INFINITY);
	});

	it('put every size, small or past 2^31, in the same class a scan of the bounds picks', () => {
		const classLists = fc.uniqueArray(fc.integer({min: 1, max: 200_000}), {minLength: 1, maxLength: 40}).map(xs => xs.sort((a, b) => a - b));
		const anySize = fc.oneof(fc.integer({min: 1, max: 5000}), fc.integer({min: 4000, max: 300_000}), fc.integer({min: 1, max: 2 ** 40}));
		fc.assert(
			fc.property(classLists, fc.array(anySize, {minLength: 1, maxLength: 50}), (configured, requests) => {
				const lists = new SizeClassLists(new BlockTable(4), configured);
				for (const size of requests) {
					const scanned = lists.bounds.findIndex(bound => bound >= size);
					expect(lists.classFor(size)).toBe(scanned);
				}
			}),
		);
		const defaults = new SizeClassLists(new BlockTable(4));
		expect([4097, 8192, 8193, 65536, 65537, 131072, 131073, 2 ** 31, 2 ** 31 + 1].map(s => defaults.bounds[defaults.classFor(s)])).toEqual([
			8192, 8192, 16384, 65536, 131072, 131072, 262144, 2 ** 31, 2 ** 32,
		]);
	});

	it('find the first block of a class that fits, and the head of the next non-empty class', () => {
		const blocks = table([40, 20, 30, 5000]);
		const lists = new SizeClassLists(blocks, [16, 64]);
		for (const h of [0, 1, 2, 3]) lists.insert(h);
		// Class (16, 64] is 30, 20, 40 in list order (newest first).
		expect(lists.firstInClass(1, 25)).toBe(2);
		expect(lists.firstInClass(1, 35)).toBe(0);
		expect(lists.firstInClass(1, 50)).toBe(none);
		expect(lists.headAbove(1)).toBe(3);
		expect(lists.headAbove(lists.classFor(5000))).toBe(none);
	});

	it('know their largest block as blocks come and go, like a scan', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				const blocks = table(blockSizes);
				const lists = new SizeClassLists(blocks, [16, 64, 256]);
				const member = new Set<number>();
				for (const {pick} of script) {
					const h = pick % blockSizes.length;
					toggleMember(lists, member, h);
					const largest = lists.largest();
					const top = Math.max(-1, ...[...member].map(x => blocks.size[x]!));
					expect(largest === none ? -1 : blocks.size[largest]).toBe(top);
				}
			}),
		);
	});

	it('keep track of whether a class can hold a request as a larger block comes and goes', () => {
		const blocks = table([...Array.from({length: 1000}, () => 112), 128]);
		const lists = new SizeClassLists(blocks);
		for (let h = 0; h < 1000; h++) lists.insert(h);
		const c = lists.classFor(128);
		expect(lists.firstInClass(c, 128)).toBe(none);
		lists.insert(1000);
		expect(lists.firstInClass(c, 128)).toBe(1000);
		lists.remove(1000);
		expect(lists.firstInClass(c, 120)).toBe(none);
		lists.remove(0);
		expect(lists.firstInClass(c, 112)).toBe(999);
	});
});

describe('segregated fit on a crowded class', () => {
	/** Class (0, 64] holds one 64-byte block under twenty 32-byte ones; class (64, 128] one 128-byte block when `withLarger`. */
	function crowded(withLarger: boolean): {findFit: (size: number) => number; deep: number; larger: number} {
		const blocks = table([64, ...Array.from({length: 20}, () => 32), 128]);
		const strategy = segregated.create({blocks, firstBlock: () => 0, sizeClasses: [64, 128]});
		for (let h = 0; h <= 20; h++) strategy.insert(h);
		if (withLarger) strategy.insert(21);
		return {findFit: size => strategy.findFit(size), deep: 0, larger: 21};
	}

	it('gives up on its own class after a bounded scan when a higher class has a block', () => {
		const {findFit, larger} = crowded(true);
		expect(findFit(48)).toBe(larger);
	});

	it('scans its whole class before reporting that nothing fits', () => {
		const {findFit, deep} = crowded(false);
		expect(findFit(48)).toBe(deep);
		expect(findFit(65)).toBe(none);
	});
});

describe('exact-size bins', () => {
	it('give the lowest address of the smallest bin at or above a size, across bitmap words', () => {
		// Sizes 40 (twice), 100 and 1000 at addresses 0, 4096, 8192, ... in table order.
		const blocks = table([40, 100, 40, 1000]);
		const bins = new ExactSizeBins(blocks);
		for (const h of [2, 1, 0, 3]) bins.insert(h);
		expect(bins.smallestFrom(8)).toBe(0);
		expect(bins.smallestFrom(40)).toBe(0);
		expect(bins.smallestFrom(41)).toBe(1);
		// 101 and 1000 are in different bitmap words (32 bins each).
		expect(bins.smallestFrom(101)).toBe(3);
		expect(bins.smallestFrom(1001)).toBe(none);
		expect(bins.largest()).toBe(3);
		bins.remove(0);
		expect(bins.smallestFrom(8)).toBe(2);
		bins.remove(3);
		expect(bins.smallestFrom(101)).toBe(none);
		expect(bins.largest()).toBe(1);
		expect(bins.structureProblem()).toBeUndefined();
	});

	it('keep each bin lowest address first as blocks come, go and move, like a scan', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				// A few sizes, some in the last bitmap word (bins 992 to 1023), many ties.
				const blocks = table(blockSizes.map(s => [16, 24, 40, 999, 1016, 1023][s % 6]!));
				const bins = new ExactSizeBins(blocks);
				const member = new Set<number>();
				for (const {pick, size} of script) {
					const h = pick % blockSizes.length;
					toggleMember(bins, member, h);
					const ordered = [...member].sort((x, y) => blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!);
					const request = size % 1100;
					expect(bins.smallestFrom(request)).toBe(ordered.find(x => blocks.size[x]! >= request) ?? none);
					const top = ordered.length === 0 ? 0 : blocks.size[ordered[ordered.length - 1]!]!;
					expect(bins.largest()).toBe(ordered.find(x => blocks.size[x] === top) ?? none);
					expect(bins.count).toBe(member.size);
					expect(bins.structureProblem()).toBeUndefined();
				}
			}),
		);
	});

	it('report a block whose address changed behind their back', () => {
		const blocks = table([64, 64]);
		const bins = new ExactSizeBins(blocks);
		bins.insert(0);
		bins.insert(1);
		blocks.addr[1] = 8;
		expect(bins.structureProblem()).toBe("free block 1's size or address in bin 64 is stale");
		bins.readdressed(1);
		expect(bins.structureProblem()).toBeUndefined();
		expect(bins.smallestFrom(64)).toBe(0);
		// Block 0 moves above block 1: the bin's top follows.
		blocks.addr[0] = 16;
		bins.readdressed(0);
		expect(bins.smallestFrom(64)).toBe(1);
		expect(bins.structureProblem()).toBeUndefined();
	});
});

describe('indexes kept as heaps', () => {
	// A checkpoint's fingerprint compares handles(), and a restore inserts the blocks in another order.
	it('list the same handles in the same order whatever order the blocks came in', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({min: 1, max: 12}), {minLength: 1, maxLength: 80}), fc.nat(), (units, seed) => {
				const blocks = table(units.map(u => u * 16));
				const order = units.map((_, h) => h);
				const shuffled = [...order].sort((x, y) => ((x * 7919 + seed) % 101) - ((y * 7919 + seed) % 101) || x - y);
				const heaps = [order, shuffled].map(o => {
					const heap = new LargestFirstHeap(blocks);
					for (const h of o) heap.insert(h);
					return heap.handles();
				});
				const bins = [order, shuffled].map(o => {
					const b = new ExactSizeBins(blocks);
					for (const h of o) b.insert(h);
					return b.all();
				});
				expect(heaps[1]).toEqual(heaps[0]);
				expect(bins[1]).toEqual(bins[0]);
				expect(bins[0]).toEqual([...order].sort((x, y) => blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!));
			}),
		);
	});
});
