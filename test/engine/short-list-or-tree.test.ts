import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {AddressTree} from '../../source/engine/strategies/address-tree.js';
import {FewFreeBlocks} from '../../source/engine/strategies/few-free-blocks.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';
import {ShortListOrTree, shortListBelow, shortListUpTo} from '../../source/engine/strategies/short-list-or-tree.js';
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
				const blocks = slots(shortListUpTo, sizes);
				const few = new FewFreeBlocks(blocks, shortListUpTo);
				const member = new Set<number>();
				for (const {kind, pick, amount, size, from: anywhere, fromEnd} of script) {
					const h = pick % shortListUpTo;
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

describe('a short list that becomes a tree', () => {
	it(`moves its blocks into the tree past ${shortListUpTo} and back below ${shortListBelow}, with the same answers either way`, () => {
		const blocks = slots(120, [0, 3, 5, 1, 7, 2]);
		const index = new ShortListOrTree(blocks, new SizeTree(blocks));
		const member = new Set<number>();
		const check = (): void => {
			const inOrder = [...member].sort(bySize(blocks));
			expect(index.count).toBe(member.size);
			expect(index.handles()).toEqual(inOrder);
			expect(index.largest()).toBe(inOrder.find(x => blocks.size[x] === blocks.size[inOrder.at(-1)!]) ?? none);
			for (const size of [1, 200, 300, 512]) {
				const fit = index.scanning ? index.few.smallestFitting(size) : index.tree.smallestFitting(size);
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
		// The list holds up to shortListUpTo blocks; the next one moves them all into the tree.
		expect(scanningAt.indexOf(false)).toBe(shortListUpTo);
		const scanningAfterRemoval: boolean[] = [];
		for (let h = 0; h < 100; h++) {
			index.remove(h);
			member.delete(h);
			scanningAfterRemoval.push(index.scanning);
			check();
		}
		// Back into the list once fewer than shortListBelow remain.
		expect(scanningAfterRemoval.indexOf(true)).toBe(100 - shortListBelow);
		expect(index.few.count).toBe(0);
	});

	it('reports blocks left in the tree while the list is in use', () => {
		const blocks = slots(2, [1]);
		const index = new ShortListOrTree(blocks, new AddressTree(blocks));
		index.tree.insert(1);
		expect(index.structureProblem()).toBe('1 free blocks in the tree while the short list is in use');
	});
});

describe('the tree strategies with few free blocks and many', () => {
	const capacities: Array<number | 'grow'> = [16 * 1024, 'grow'];
	const references: Record<string, (context: StrategyContext) => PlacementStrategy> = {
		'first-fit': ({blocks}) => {
			const tree = new AddressTree(blocks);
			return overTree('first-fit', tree, size => tree.firstFit(size));
		},
		'next-fit': textbookNextFit,
		'best-fit': ({blocks}) => {
			const tree = new SizeTree(blocks);
			return overTree('best-fit', tree, size => tree.smallestFitting(size));
		},
	};

	it('cross the short list thresholds both ways in these scripts', () => {
		const {most, leastAfter} = peakAndTroughAfter(freeBlockCounts('first-fit', 7), shortListUpTo);
		expect(most).toBeGreaterThan(shortListUpTo);
		expect(leastAfter).toBeLessThan(shortListBelow);
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
