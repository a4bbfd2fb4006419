import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {AddressTree} from '../../source/engine/strategies/address-tree.js';
import {FewFreeBlocks, fewBelow, fewUpTo} from '../../source/engine/strategies/few-free-blocks.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';
import {SizeTree} from '../../source/engine/strategies/size-tree.js';
import type {PlacementStrategy, StrategyContext} from '../../source/engine/strategies/strategy.js';
import {freeBlockCounts, holeyPhases, layoutsUnder, overTree, peakAndTroughAfter, textbookNextFit} from './placement-layouts.js';

const scale = Number(process.env.MEMSIM_PROPERTY_RUNS ?? 1);

/** Slot i holds a block at address i * 4096 of one of a few sizes (ties are common), free and indexed or not. */
function slots(count: number, sizes: readonly number[]): BlockTable {
	const blocks = new BlockTable(2);
	for (let i = 0; i < count; i++) blocks.create(i * 4096, 64 * (1 + (sizes[i % sizes.length]! % 8)), BlockFlag.free);
	return blocks;
}

const bySize = (blocks: BlockTable) => (x: number, y: number) => blocks.size[x]! - blocks.size[y]! || blocks.addr[x]! - blocks.addr[y]!;
const byAddress = (blocks: BlockTable) => (x: number, y: number) => blocks.addr[x]! - blocks.addr[y]!;

// Toggle block `pick`'s membership, or cut it at its front or grow it in place (as the heap does to a free
// block it splits or merges into); then ask for `size` bytes from address `from`.
const steps = fc.array(
	fc.record({
		kind: fc.constantFrom('toggle', 'toggle', 'cut', 'grow'),
		pick: fc.nat(),
		amount: fc.integer({min: 1, max: 30}),
		size: fc.integer({min: 1, max: 600}),
		from: fc.nat({max: 120 * 4096}),
		fromEnd: fc.boolean(),
	}),
	{maxLength: 400},
);

describe('the short list of few free blocks', () => {
	it('answers best fit, first fit, first fit from an address and largest as a scan in key order would, as blocks come, go and change in place', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(), {minLength: 1, maxLength: 20}), steps, (sizes, script) => {
				const blocks = slots(fewUpTo, sizes);
				const few = new FewFreeBlocks(blocks, fewUpTo);
				const member = new Set<number>();
				for (const {kind, pick, amount, size, from: anywhere, fromEnd} of script) {
					const h = pick % fewUpTo;
					if (kind === 'toggle') {
						if (member.delete(h)) few.remove(h);
						else {
							few.insert(h);
							member.add(h);
						}
					} else if (kind === 'cut' && blocks.size[h]! > 64) {
						// Nothing to tell the list: it reads every key when it is asked.
						const cut = 64 * (1 + (amount % (blocks.size[h]! / 64 - 1)));
						blocks.addr[h] = blocks.addr[h]! + cut;
						blocks.size[h] = blocks.size[h]! - cut;
					} else if (kind === 'grow') {
						blocks.size[h] = Math.min(blocks.size[h]! + 64 * amount, (h + 1) * 4096 - blocks.addr[h]!);
					}
					const from = fromEnd ? blocks.addr[h]! + blocks.size[h]! : anywhere;
					const bySizeOrder = [...member].sort(bySize(blocks));
					const byAddressOrder = [...member].sort(byAddress(blocks));
					expect(few.count).toBe(member.size);
					expect(few.smallestFitting(size)).toBe(bySizeOrder.find(x => blocks.size[x]! >= size) ?? none);
					expect(few.lowestFitting(size)).toBe(byAddressOrder.find(x => blocks.size[x]! >= size) ?? none);
					const endingAfter = byAddressOrder.find(x => blocks.size[x]! >= size && blocks.addr[x]! + blocks.size[x]! > from);
					expect(few.lowestFittingEndingAfter(from, size)).toBe(endingAfter ?? none);
					const top = bySizeOrder.length === 0 ? 0 : blocks.size[bySizeOrder.at(-1)!]!;
					expect(few.largest()).toBe(bySizeOrder.find(x => blocks.size[x] === top) ?? none);
					expect(few.sorted((a, b) => bySize(blocks)(a, b) < 0)).toEqual(bySizeOrder);
					expect(few.holds(h)).toBe(member.has(h));
					expect(few.structureProblem()).toBeUndefined();
				}
			}),
			{numRuns: 100 * scale},
		);
	});

	it('refuses a block it does not hold, a block past its capacity, and reports a block listed twice', () => {
		const blocks = slots(4, [1]);
		const few = new FewFreeBlocks(blocks, 2);
		few.insert(0);
		expect(() => few.remove(1)).toThrow('free block 1 is not in the short list');
		few.insert(0);
		expect(few.structureProblem()).toBe('free block 0 is twice in the short list');
		expect(() => few.insert(2)).toThrow('more than 2 free blocks in a short list');
	});
});

describe('a tree whose few blocks wait in a short list', () => {
	for (const [name, create, order] of [
		['size tree', (blocks: BlockTable) => new SizeTree(blocks), bySize],
		['address tree', (blocks: BlockTable) => new AddressTree(blocks), byAddress],
	] as const) {
		it(`(${name}) moves its blocks into the tree past ${fewUpTo} and back below ${fewBelow}, with the same answers either way`, () => {
			const blocks = slots(120, [0, 3, 5, 1, 7, 2]);
			const index = create(blocks);
			const member = new Set<number>();
			const check = (): void => {
				const inOrder = [...member].sort(order(blocks));
				const bySizeOrder = [...member].sort(bySize(blocks));
				expect(index.count).toBe(member.size);
				expect(index.handles()).toEqual(inOrder);
				const top = bySizeOrder.length === 0 ? 0 : blocks.size[bySizeOrder.at(-1)!]!;
				expect(index.largest()).toBe(bySizeOrder.find(x => blocks.size[x] === top) ?? none);
				for (const size of [1, 200, 300, 512]) {
					const fit = index instanceof SizeTree ? index.smallestFitting(size) : index.firstFit(size);
					expect(fit).toBe(inOrder.find(x => blocks.size[x]! >= size) ?? none);
				}
				expect(index.structureProblem()).toBeUndefined();
			};
			const scanningAt: boolean[] = [];
			for (let h = 0; h < 100; h++) {
				index.insert(h);
				member.add(h);
				scanningAt.push(index.scanning);
				check();
			}
			// The list holds up to fewUpTo blocks; the next one moves them all into the tree.
			expect(scanningAt.indexOf(false)).toBe(fewUpTo);
			const scanningAfterRemoval: boolean[] = [];
			for (let h = 0; h < 100; h++) {
				index.remove(h);
				member.delete(h);
				scanningAfterRemoval.push(index.scanning);
				check();
			}
			// Back into the list once fewer than fewBelow remain.
			expect(scanningAfterRemoval.indexOf(true)).toBe(100 - fewBelow);
			expect(index.holds(0)).toBe(false);
		});
	}

	it('refuses to remove a block it no longer holds after the blocks went to the short list and back', () => {
		const blocks = slots(120, [1]);
		const tree = new AddressTree(blocks);
		for (let h = 0; h < 60; h++) tree.insert(h);
		for (let h = 0; h < 60 - fewBelow + 1; h++) tree.remove(h);
		expect(tree.scanning).toBe(true);
		// Block 59 went from the tree to the short list, and leaves it here.
		tree.remove(59);
		for (let h = 60; h < 120; h++) tree.insert(h);
		expect(tree.scanning).toBe(false);
		expect(() => tree.remove(59)).toThrow('free block 59 is not in the tree');
	});

	it('is a tree from the first block when asked not to use its short list', () => {
		const blocks = slots(3, [1]);
		const tree = new AddressTree(blocks, false);
		tree.insert(0);
		expect(tree.scanning).toBe(false);
		expect(tree.structureHolds()).toBe(true);
		expect(tree.holds(0)).toBe(true);
	});
});

describe('the tree strategies with few free blocks and many (against trees that never use the short list)', () => {
	const capacities: Array<number | 'grow'> = [16 * 1024, 'grow'];
	const references: Record<string, (context: StrategyContext) => PlacementStrategy> = {
		'first-fit': ({blocks}) => {
			const tree = new AddressTree(blocks, false);
			return overTree('first-fit', tree, size => tree.firstFit(size));
		},
		'next-fit': textbookNextFit,
		'best-fit': ({blocks}) => {
			const tree = new SizeTree(blocks, false);
			return overTree('best-fit', tree, size => tree.smallestFitting(size));
		},
	};

	it('cross the short list thresholds both ways in these scripts', () => {
		const {most, leastAfter} = peakAndTroughAfter(freeBlockCounts('first-fit', 7), fewUpTo);
		expect(most).toBeGreaterThan(fewUpTo);
		expect(leastAfter).toBeLessThan(fewBelow);
	});

	for (const [strategy, reference] of Object.entries(references)) {
		for (const capacity of capacities) {
			it(`${strategy} places every block where one tree would, on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
				const create = (context: StrategyContext): PlacementStrategy => findStrategy(strategy).create(context);
				fc.assert(
					fc.property(holeyPhases, events => {
						expect(layoutsUnder(create, capacity, events)).toEqual(layoutsUnder(reference, capacity, events));
					}),
					{numRuns: 15 * scale},
				);
			});
		}

		it(`${strategy} keeps the heap sound through the moves`, () => {
			const counts = freeBlockCounts(strategy, 11, (heap, step) => {
				const problem = checkHeapInvariants(heap);
				if (problem) throw new Error(`after event ${step}: ${problem}`);
			});
			expect(counts.at(-1)).toBe(1);
		});
	}
});
