import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockFlag, BlockTable, none} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap} from '../../source/engine/heap.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {FewListedFreeBlocks} from '../../source/engine/strategies/few-listed-free-blocks.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';
import {listedBelow, listedUpTo} from '../../source/engine/strategies/short-list-or-class-lists.js';
import {SizeClassIndex} from '../../source/engine/strategies/size-class-index.js';
import {SizeClassLists} from '../../source/engine/strategies/size-class-lists.js';
import type {PlacementStrategy, StrategyContext} from '../../source/engine/strategies/strategy.js';
import {freeBlockCounts, holeyPhases, layoutsUnder, peakAndTroughAfter} from './placement-layouts.js';

const scale = Number(process.env.MEMSIM_PROPERTY_RUNS ?? 1);

/** Blocks at distinct addresses with sizes from a few values, so lists hold several blocks and sizes tie. */
function table(count: number, sizes: readonly number[]): BlockTable {
	const blocks = new BlockTable(2);
	for (let i = 0; i < count; i++) blocks.create(i * 4096, 16 * (1 + (sizes[i % sizes.length]! % 40)), BlockFlag.free);
	return blocks;
}

describe('the short list standing for LIFO free lists', () => {
	// Lists as arrays, head first: the model the short list must agree with.
	it('answers the first fit of a range of lists, walked in order from each head, and lists its blocks as the lists would, through blocks that change in place', () => {
		// `grow` set: a held block changes size in place (a split's rest, a merge) instead of leaving.
		const steps = fc.array(
			fc.record({pick: fc.nat(), from: fc.nat({max: 50}), span: fc.nat({max: 50}), size: fc.nat({max: 700}), grow: fc.option(fc.integer({min: 1, max: 40}), {nil: undefined})}),
			{maxLength: 300},
		);
		fc.assert(
			fc.property(fc.array(fc.nat(), {minLength: 1, maxLength: 30}), steps, (sizes, script) => {
				const blocks = table(listedUpTo, sizes);
				const index = new SizeClassIndex(blocks);
				const few = new FewListedFreeBlocks(blocks, listedUpTo);
				const lists = new Map<number, number[]>();
				const member = new Set<number>();
				for (const {pick, from, span, size, grow} of script) {
					const h = pick % listedUpTo;
					const list = index.listFor(blocks.size[h]!);
					if (grow !== undefined && member.has(h)) {
						// It heads the list of its new size, as a removal and an insertion would leave it.
						blocks.size[h] = 16 * grow;
						const now = index.listFor(blocks.size[h]!);
						few.moved(h, now);
						lists.set(list, lists.get(list)!.filter(x => x !== h));
						lists.set(now, [h, ...(lists.get(now) ?? [])]);
					} else if (member.delete(h)) {
						few.remove(h);
						lists.set(list, lists.get(list)!.filter(x => x !== h));
					} else {
						few.insert(h, list);
						member.add(h);
						lists.set(list, [h, ...(lists.get(list) ?? [])]);
					}
					const walk = [...lists.keys()].sort((a, b) => a - b).flatMap(l => lists.get(l)!.map(x => ({list: l, h: x})));
					const expected = walk.find(({list: l, h: x}) => l >= from && l < from + span && blocks.size[x]! >= size);
					expect(few.newestIn(from, from + span, size)).toBe(expected?.h ?? none);
					expect(few.inListOrder()).toEqual(walk.map(({h: x}) => x));
					const top = Math.max(-1, ...[...member].map(x => blocks.size[x]!));
					const newestOfTop = walk.find(({h: x}) => blocks.size[x] === top);
					expect(few.largest()).toBe(newestOfTop?.h ?? none);
					expect(few.structureProblem(s => index.listFor(s))).toBeUndefined();
				}
			}),
			{numRuns: 100 * scale},
		);
	});

	it('refuses a block it does not hold and a block past its capacity, and reports a block filed twice or under the wrong list', () => {
		const blocks = table(4, [1, 2]);
		const index = new SizeClassIndex(blocks);
		const few = new FewListedFreeBlocks(blocks, 2);
		few.insert(0, index.listFor(blocks.size[0]!));
		expect(() => few.remove(1)).toThrow('free block 1 is not in the short list');
		expect(() => few.moved(1, 0)).toThrow('free block 1 is not in the short list');
		few.insert(0, index.listFor(blocks.size[0]!));
		expect(few.structureProblem(s => index.listFor(s))).toBe('free block 0 is twice in the short list');
		expect(() => few.insert(2, 0)).toThrow('more than 2 free blocks in a short list');
		few.clear();
		few.insert(1, 0);
		expect(few.structureProblem(s => index.listFor(s))).toBe(`free block 1 of 48 bytes is filed under list 0, not ${index.listFor(48)}`);
	});
});

// Each strategy over its lists alone, with no short list in front of them and no `moved`: the heap then
// splits and coalesces by removal and insertion.
const listsAlone: Record<string, (context: StrategyContext) => PlacementStrategy> = {
	tlsf({blocks}) {
		const index = new SizeClassIndex(blocks);
		return {
			name: 'tlsf',
			insert: h => index.insert(h),
			remove: h => index.remove(h),
			findFit: size => index.goodFit(size),
			clear: () => index.clear(),
			handles: () => index.handles(),
			largest: () => index.largest(),
		};
	},
	segregated({blocks}) {
		const lists = new SizeClassLists(blocks);
		return {
			name: 'segregated',
			insert: h => lists.insert(h),
			remove: h => lists.remove(h),
			// Segregated fit's search as its lists answer it: 16 blocks of the request's class, the next
			// non-empty class, then the rest of the request's class.
			findFit(size) {
				const c = lists.classFor(size);
				const inClass = lists.firstInClass(c, size, 16);
				if (inClass !== none) return inClass;
				const above = lists.headAbove(c);
				return above !== none ? above : lists.firstInClass(c, size);
			},
			clear: () => lists.clear(),
			handles: () => lists.handles(),
			largest: () => lists.largest(),
		};
	},
};

for (const name of ['tlsf', 'segregated']) {
	describe(`${name} with few free blocks and many`, () => {
		const listsOnly = listsAlone[name]!;
		const strategy = (context: StrategyContext): PlacementStrategy => findStrategy(name).create(context);

		it('crosses the short list thresholds both ways in these scripts', () => {
			const {most, leastAfter} = peakAndTroughAfter(freeBlockCounts(name, 7), listedUpTo);
			expect(most).toBeGreaterThan(listedUpTo);
			expect(leastAfter).toBeLessThan(listedBelow);
		});

		for (const capacity of [16 * 1024, 'grow'] as const) {
			it(`places every block where its lists alone would, splitting and merging in place, on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
				fc.assert(
					fc.property(holeyPhases, events => {
						expect(layoutsUnder(strategy, capacity, events)).toEqual(layoutsUnder(listsOnly, capacity, events));
					}),
					{numRuns: 15 * scale},
				);
			});
		}

		it('lists its blocks in the order its lists alone would, after every event (review checkpoints compare that order)', () => {
			const heapOf = (create: (context: StrategyContext) => PlacementStrategy): Heap => {
				const blocks = new BlockTable(8);
				const holder: {heap?: Heap} = {};
				holder.heap = new Heap({...defaultHeapParams, capacity: 'grow'}, create({blocks, firstBlock: () => holder.heap!.first}), blocks, 32);
				return holder.heap;
			};
			const addressesInIndex = (heap: Heap): number[] => heap.strategy.handles().map(h => heap.blocks.addr[h]!);
			fc.assert(
				fc.property(holeyPhases, events => {
					const heaps = [heapOf(strategy), heapOf(listsOnly)];
					const live: number[][] = [[], []];
					for (const event of events) {
						heaps.forEach((heap, i) => {
							if (event.kind === 'alloc') live[i]!.push(heap.allocate(event.request, 0, 0));
							else if (event.kind === 'free') heap.free(live[i]!.splice(event.pick % live[i]!.length, 1)[0]!);
						});
						expect(addressesInIndex(heaps[0]!)).toEqual(addressesInIndex(heaps[1]!));
					}
				}),
				{numRuns: 5 * scale},
			);
		});

		it('keeps the heap sound through the moves between its short list and its lists', () => {
			const counts = freeBlockCounts(name, 11, (heap, step) => {
				const problem = checkHeapInvariants(heap);
				if (problem) throw new Error(`after event ${step}: ${problem}`);
			});
			expect(counts.at(-1)).toBe(1);
		});
	});
}
