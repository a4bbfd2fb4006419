import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BlockTable, none} from '../../source/engine/blocks.js';
import {type Coalescing, defaultHeapParams, Heap, type HeapParams} from '../../source/engine/heap.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {findStrategy, strategyNames} from '../../source/engine/strategies/registry.js';
import {binningFrom, binningUntil} from '../../source/engine/strategies/best-fit.js';
import {SizeTree} from '../../source/engine/strategies/size-tree.js';
import type {PlacementStrategy, StrategyContext} from '../../source/engine/strategies/strategy.js';
import {freeBlockCounts, holeyPhases, layoutsUnder, overTree, peakAndTroughAfter, textbookNextFit} from './placement-layouts.js';

type Event =
	| {kind: 'alloc'; request: number}
	| {kind: 'free'; pick: number}
	| {kind: 'realloc'; pick: number; request: number}
	| {kind: 'switch'; strategy: string};

/** MEMSIM_PROPERTY_RUNS=10 runs ten times as many cases (a soak before a release); the default keeps `vitest` quick. */
const scale = Number(process.env.MEMSIM_PROPERTY_RUNS ?? 1);
const names = [...strategyNames(), 'naive-first-fit'];
// Mostly small requests, some large enough to fill a 16 KiB heap quickly and exercise failure paths.
const request = fc.oneof({arbitrary: fc.integer({min: 0, max: 128}), weight: 4}, fc.integer({min: 129, max: 4000}));
const pick = fc.nat({max: 1_000_000});

function events(withSwitches: boolean): fc.Arbitrary<Event[]> {
	const kinds: Array<fc.WeightedArbitrary<Event>> = [
		{arbitrary: request.map(r => ({kind: 'alloc', request: r}) as const), weight: 5},
		{arbitrary: pick.map(p => ({kind: 'free', pick: p}) as const), weight: 3},
		{arbitrary: fc.tuple(pick, request).map(([p, r]) => ({kind: 'realloc', pick: p, request: r}) as const), weight: 2},
	];
	if (withSwitches) {
		kinds.push({arbitrary: fc.constantFrom(...names).map(s => ({kind: 'switch', strategy: s}) as const), weight: 1});
	}
	return fc.array(fc.oneof(...kinds), {maxLength: 120 * Math.min(scale, 4)});
}

interface Place {
	addr: number;
	size: number;
	request: number;
}

/**
 * Replays the events, checking the invariants after each one, and that no live block other than the
 * one an event is about ever changes place (a switch moves nothing at all).
 */
function replay(
	strategy: string,
	capacity: number | 'grow',
	coalescing: Coalescing,
	script: Event[],
	layout: Partial<HeapParams> = {},
): void {
	const blocks = new BlockTable(8);
	const holder: {heap?: Heap} = {};
	const create = (name: string) => findStrategy(name).create({blocks, firstBlock: () => holder.heap!.first});
	const heap = new Heap({...defaultHeapParams, ...layout, capacity, coalescing}, create(strategy), blocks, 32);
	heap.map.track();
	holder.heap = heap;
	const live = new Map<number, Place>();
	const placeOf = (h: number): Place => ({addr: blocks.addr[h]!, size: blocks.size[h]!, request: blocks.request[h]!});
	const liveHandles = (): number[] => [...live.keys()];
	for (const [step, event] of script.entries()) {
		let touched = none;
		if (event.kind === 'alloc') {
			const h = heap.allocate(event.request, 0, 0);
			if (h !== none) {
				expect(live.has(h)).toBe(false);
				live.set(h, placeOf(h));
				expect(blocks.request[h]).toBe(event.request);
			}
			touched = h;
		} else if (event.kind === 'free' && live.size > 0) {
			const handles = liveHandles();
			touched = handles[event.pick % handles.length]!;
			heap.free(touched);
			live.delete(touched);
		} else if (event.kind === 'realloc' && live.size > 0) {
			const handles = liveHandles();
			touched = handles[event.pick % handles.length]!;
			const result = heap.realloc(touched, event.request);
			if (result === none) {
				expect(placeOf(touched)).toEqual(live.get(touched));
			} else {
				expect(result).toBe(touched);
				expect(blocks.request[touched]).toBe(event.request);
				live.set(touched, placeOf(touched));
			}
		} else if (event.kind === 'switch') {
			heap.setStrategy(create(event.strategy));
			expect(heap.strategy.name).toBe(event.strategy);
		}
		const problem = checkHeapInvariants(heap);
		if (problem) throw new Error(`after event ${step} (${JSON.stringify(event)}): ${problem}`);
		for (const [h, place] of live) if (h !== touched) expect(placeOf(h)).toEqual(place);
		expect(heap.usedBlocks).toBe(live.size);
		expect(heap.payloadBytes).toBe([...live.values()].reduce((sum, p) => sum + p.request, 0));
	}
}

const modes: Coalescing[] = ['immediate', 'deferred', 'none'];
const capacities: Array<number | 'grow'> = [16 * 1024, 'grow'];

describe('random event sequences keep the heap sound', () => {
	for (const strategy of names) {
		for (const coalescing of modes) {
			for (const capacity of capacities) {
				it(`under ${strategy}, ${coalescing} coalescing, ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
					fc.assert(
						fc.property(events(false), script => replay(strategy, capacity, coalescing, script)),
						{numRuns: 40 * scale},
					);
				});
			}
		}
	}
});

describe('random strategy switches keep the heap sound and move nothing', () => {
	for (const coalescing of modes) {
		for (const capacity of capacities) {
			it(`with ${coalescing} coalescing on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
				fc.assert(
					fc.property(fc.constantFrom(...names), events(true), (first, script) =>
						replay(first, capacity, coalescing, script),
					),
					{numRuns: 150 * scale},
				);
			});
		}
	}
});

// Headers, coarser alignment, larger minimum blocks and split thresholds, and a capacity that is not a
// multiple of the alignment: the layouts the defaults never reach.
const layouts = fc.record({
	align: fc.constantFrom(8, 16, 64),
	header: fc.constantFrom(0, 8, 16),
	minBlock: fc.constantFrom(8, 16, 24, 48),
	splitThreshold: fc.constantFrom(8, 32, 100),
});

describe('random heap layouts keep the heap sound', () => {
	for (const coalescing of modes) {
		for (const capacity of [16 * 1024 + 5, 'grow'] as const) {
			it(`with ${coalescing} coalescing on a ${capacity === 'grow' ? 'growable' : 'fixed odd-sized'} heap`, () => {
				fc.assert(
					fc.property(fc.constantFrom(...names), layouts, events(true), (first, layout, script) =>
						replay(first, capacity, coalescing, script, layout),
					),
					{numRuns: 150 * scale},
				);
			});
		}
	}
});

// Long runs of mostly small requests with many frees: many holes of few distinct sizes, so keys tie
// and a split's rest or a merged block often has to move in a size-ordered index.
const manyHoles = fc.array(
	fc.oneof(
		{arbitrary: fc.integer({min: 1, max: 6}).map(r => ({kind: 'alloc', request: r * 16}) as const), weight: 5},
		{arbitrary: fc.integer({min: 1000, max: 3000}).map(r => ({kind: 'alloc', request: r}) as const), weight: 1},
		{arbitrary: pick.map(p => ({kind: 'free', pick: p}) as const), weight: 4},
		{arbitrary: fc.tuple(pick, fc.integer({min: 1, max: 12})).map(([p, r]) => ({kind: 'realloc', pick: p, request: r * 16}) as const), weight: 1},
	),
	{minLength: 100, maxLength: 400},
);

/**
 * The heap keeps a split block's rest, or a free block that absorbed a freed neighbour, in its
 * strategy's index in place when the strategy offers `moved`; without it the heap removes and inserts.
 * Both must place every later block at the same address.
 */
describe('in-place index updates place blocks exactly as removals and insertions do', () => {
	const inPlace = names.filter(name => {
		const strategy = findStrategy(name).create({blocks: new BlockTable(8), firstBlock: () => none});
		return strategy.moved !== undefined && strategy.powerOfTwo !== true;
	});

	it('covers every strategy but buddy and the naive baseline', () => {
		expect(inPlace).toEqual(['first-fit', 'next-fit', 'best-fit', 'worst-fit', 'segregated', 'tlsf']);
	});

	for (const strategy of inPlace) {
		for (const capacity of capacities) {
			it(`under ${strategy} on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
				fc.assert(
					fc.property(manyHoles, script => {
						const withMoved = (context: StrategyContext): PlacementStrategy => findStrategy(strategy).create(context);
						// The same index without `moved` (tlsf's strategy is a class instance: delegate, not spread).
						const withoutMoved = (context: StrategyContext): PlacementStrategy => {
							const full = withMoved(context);
							return {
								name: full.name,
								insert: h => full.insert(h),
								remove: h => full.remove(h),
								findFit: size => full.findFit(size),
								clear: () => full.clear(),
								handles: () => full.handles(),
								largest: () => full.largest!(),
								placed: full.placed === undefined ? undefined : h => full.placed!(h),
							};
						};
						expect(layoutsUnder(withMoved, capacity, script)).toEqual(layoutsUnder(withoutMoved, capacity, script));
					}),
					{numRuns: 60 * scale},
				);
			});
		}
	}
});

describe("next fit's shortcut to the rest of the block it last cut from", () => {
	for (const capacity of capacities) {
		it(`places every block where the full search from the rover would, on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
			const nextFit = (context: StrategyContext): PlacementStrategy => findStrategy('next-fit').create(context);
			fc.assert(
				fc.property(manyHoles, script => {
					expect(layoutsUnder(nextFit, capacity, script)).toEqual(layoutsUnder(textbookNextFit, capacity, script));
				}),
				{numRuns: 100 * scale},
			);
		});
	}
});

describe('best fit moving its small blocks into exact-size bins and back', () => {
	// The same placements from one size tree over every free block, with no bins.
	const treeOnly = ({blocks}: StrategyContext): PlacementStrategy => {
		const tree = new SizeTree(blocks, false);
		return overTree('best-fit', tree, size => tree.smallestFitting(size));
	};
	const bestFit = (context: StrategyContext): PlacementStrategy => findStrategy('best-fit').create(context);

	it('crosses both thresholds in these scripts', () => {
		const {most, leastAfter} = peakAndTroughAfter(freeBlockCounts('best-fit', 7), binningFrom);
		expect(most).toBeGreaterThan(binningFrom);
		expect(leastAfter).toBeLessThan(binningUntil);
	});

	for (const capacity of capacities) {
		it(`places every block where one size tree would, on a ${capacity === 'grow' ? 'growable' : 'fixed'} heap`, () => {
			fc.assert(
				fc.property(holeyPhases, events => {
					expect(layoutsUnder(bestFit, capacity, events)).toEqual(layoutsUnder(treeOnly, capacity, events));
				}),
				{numRuns: 20 * scale},
			);
		});
	}

	// The invariant checker walks the whole heap after every event: two long scripts take seconds.
	it('keeps the heap sound through the moves', {timeout: 60_000}, () => {
		fc.assert(
			fc.property(holeyPhases, events => replay('best-fit', 'grow', 'immediate', events)),
			{numRuns: 2 * scale},
		);
	});
});
