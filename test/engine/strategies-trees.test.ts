import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {AddressTree} from '../../source/engine/strategies/address-tree.js';
import {segregated} from '../../source/engine/strategies/segregated.js';
import {SizeClassLists} from '../../source/engine/strategies/size-class-lists.js';
import {SizeTree} from '../../source/engine/strategies/size-tree.js';

/** Blocks laid out at distinct addresses (every 4096 bytes) with the given sizes, in a table that starts tiny so it grows. */
function table(sizes: readonly number[]): BlockTable {
	const blocks = new BlockTable(2);
	sizes.forEach((size, i) => blocks.create(i * 4096, size, BlockFlag.free));
	return blocks;
}

const sizes = fc.array(fc.integer({min: 1, max: 4096}), {minLength: 1, maxLength: 300});
// Toggle membership of block `pick % n`; then ask a query of `size` bytes from address `from`.
const steps = fc.array(fc.record({pick: fc.nat(), size: fc.integer({min: 1, max: 4200}), from: fc.nat({max: 300 * 4096})}), {
	maxLength: 300,
});

describe('the address tree', () => {
	it('answers first fit, first fit from an address and containment like a scan of the blocks', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				const blocks = table(blockSizes);
				const tree = new AddressTree(blocks);
				const member = new Set<number>();
				for (const {pick, size, from} of script) {
					const h = pick % blockSizes.length;
					if (member.has(h)) tree.remove(h);
					else tree.insert(h);
					if (member.has(h)) member.delete(h);
					else member.add(h);
					const inOrder = [...member].sort((x, y) => blocks.addr[x]! - blocks.addr[y]!);
					expect(tree.handles()).toEqual(inOrder);
					expect(tree.firstFit(size)).toBe(inOrder.find(x => blocks.size[x]! >= size) ?? none);
					const fromHere = inOrder.find(x => blocks.addr[x]! >= from && blocks.size[x]! >= size);
					expect(tree.firstFitFrom(from, size)).toBe(fromHere ?? none);
					const holder = inOrder.find(x => blocks.addr[x]! <= from && from < blocks.addr[x]! + blocks.size[x]!);
					expect(tree.containing(from)).toBe(holder ?? none);
				}
			}),
		);
	});

	it('refuses to remove a block it does not hold', () => {
		const blocks = table([64, 64]);
		const tree = new AddressTree(blocks);
		tree.insert(0);
		expect(() => tree.remove(1)).toThrow('free block 1 is not in the tree');
	});
});

describe('the size tree', () => {
	it('answers best fit and largest like a scan, lowest address among equal sizes', () => {
		fc.assert(
			fc.property(sizes, steps, (blockSizes, script) => {
				// Few distinct sizes, so that ties are common.
				const blocks = table(blockSizes.map(s => 64 * (1 + (s % 8))));
				const tree = new SizeTree(blocks);
				const member = new Set<number>();
				const bySizeThenAddress = (x: number, y: number): number =>
					blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!;
				for (const {pick, size} of script) {
					const h = pick % blockSizes.length;
					if (member.has(h)) {
						tree.remove(h);
						member.delete(h);
					} else {
						tree.insert(h);
						member.add(h);
					}
					const ordered = [...member].sort(bySizeThenAddress);
					expect(tree.handles()).toEqual(ordered);
					const request = size % 600;
					expect(tree.smallestFitting(request)).toBe(ordered.find(x => blocks.size[x]! >= request) ?? none);
					const top = ordered.length === 0 ? 0 : blocks.size[ordered[ordered.length - 1]!]!;
					expect(tree.largest()).toBe(ordered.find(x => blocks.size[x] === top) ?? none);
				}
			}),
		);
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
