import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {buddy} from '../../source/engine/strategies/buddy.js';

/** One free block per order given, at address i * 2^45 (far apart, aligned for every order used). */
function table(orders: readonly number[]): BlockTable {
	const blocks = new BlockTable(2);
	orders.forEach((order, i) => blocks.create(i * 2 ** 45, 2 ** order, BlockFlag.free));
	return blocks;
}

function index(blocks: BlockTable) {
	return buddy.create({blocks, firstBlock: () => none});
}

describe('buddy free lists', () => {
	it('fit a request from the newest block of the smallest non-empty order that holds it', () => {
		// Orders 4, 4, 6 and 40 (a block above 2^32 bytes, in the second bitmap word).
		const blocks = table([4, 4, 6, 40]);
		const lists = index(blocks);
		for (const h of [0, 1, 2, 3]) lists.insert(h);
		expect(lists.findFit(1)).toBe(1);
		expect(lists.findFit(16)).toBe(1);
		expect(lists.findFit(17)).toBe(2);
		expect(lists.findFit(64)).toBe(2);
		expect(lists.findFit(65)).toBe(3);
		expect(lists.findFit(2 ** 40)).toBe(3);
		expect(lists.findFit(2 ** 40 + 1)).toBe(none);
		expect(lists.largest!()).toBe(3);
		lists.remove(1);
		expect(lists.findFit(16)).toBe(0);
		lists.remove(3);
		expect(lists.findFit(65)).toBe(none);
		expect(lists.largest!()).toBe(2);
		expect(lists.handles()).toEqual([0, 2]);
		expect(lists.structureProblem!()).toBeUndefined();
	});

	it('answer as a scan of the blocks in insertion order would, whatever comes and goes', () => {
		const script = fc.array(fc.record({pick: fc.nat(11), size: fc.integer({min: 1, max: 2 ** 45})}), {maxLength: 80});
		fc.assert(
			fc.property(fc.array(fc.integer({min: 0, max: 44}), {minLength: 12, maxLength: 12}), script, (orders, steps) => {
				const blocks = table(orders);
				const lists = index(blocks);
				// Newest first, as the lists hand blocks out.
				let member: number[] = [];
				for (const {pick, size} of steps) {
					if (member.includes(pick)) {
						lists.remove(pick);
						member = member.filter(h => h !== pick);
					} else {
						lists.insert(pick);
						member.unshift(pick);
					}
					const fits = member.filter(h => blocks.size[h]! >= size);
					const smallest = Math.min(...fits.map(h => blocks.size[h]!));
					expect(lists.findFit(size)).toBe(fits.find(h => blocks.size[h] === smallest) ?? none);
					const top = Math.max(...member.map(h => blocks.size[h]!));
					expect(lists.largest!()).toBe(member.find(h => blocks.size[h] === top) ?? none);
					expect(lists.structureProblem!()).toBeUndefined();
				}
			}),
		);
	});

	it('report a block whose size no longer matches its list', () => {
		const blocks = table([5, 5]);
		const lists = index(blocks);
		lists.insert(0);
		lists.insert(1);
		blocks.size[0] = 64;
		expect(lists.structureProblem!()).toBe('block 0 of 64 bytes is in order 5\'s list');
	});
});
