import fc from 'fast-check';
import {BlockTable, none} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap} from '../../source/engine/heap.js';
import {AddressTree} from '../../source/engine/strategies/address-tree.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';
import type {SizeTree} from '../../source/engine/strategies/size-tree.js';
import type {PlacementStrategy, StrategyContext} from '../../source/engine/strategies/strategy.js';

/** Shared by the tests that compare where two indexes place blocks. */
export type LayoutEvent = {kind: 'alloc'; request: number} | {kind: 'free'; pick: number} | {kind: 'realloc'; pick: number; request: number};

/** A reference strategy over one tree: the tree's own insert, remove and upkeep, and the search given. */
export function overTree(name: string, tree: AddressTree | SizeTree, findFit: (size: number) => number): PlacementStrategy {
	return {
		name,
		insert: h => tree.insert(h),
		remove: h => tree.remove(h),
		findFit,
		clear: () => tree.clear(),
		handles: () => tree.handles(),
		largest: () => tree.largest(),
		moved: h => tree.moved(h),
	};
}

/** Next fit as the textbook has it, over one address tree: always the full search from the rover, wrapping around. */
export function textbookNextFit({blocks}: StrategyContext): PlacementStrategy {
	const tree = new AddressTree(blocks, false);
	let rover = 0;
	return {
		...overTree('next-fit', tree, size => {
			const above = tree.firstFitEndingAfter(rover, size);
			return above !== none ? above : tree.firstFit(size);
		}),
		placed(h) {
			rover = blocks.addr[h]!;
		},
	};
}

/** The addresses of the live blocks after each event of a script, under a strategy built by `create`. */
export function layoutsUnder(
	create: (context: StrategyContext) => PlacementStrategy,
	capacity: number | 'grow',
	script: ReadonlyArray<{kind: string; request?: number; pick?: number}>,
): number[][] {
	const blocks = new BlockTable(8);
	const holder: {heap?: Heap} = {};
	const heap = new Heap({...defaultHeapParams, capacity}, create({blocks, firstBlock: () => holder.heap!.first}), blocks, 32);
	holder.heap = heap;
	const live: number[] = [];
	const layouts: number[][] = [];
	for (const event of script) {
		if (event.kind === 'alloc') {
			const h = heap.allocate(event.request!, 0, 0);
			if (h !== none) live.push(h);
		} else if (event.kind === 'free' && live.length > 0) {
			heap.free(live.splice(event.pick! % live.length, 1)[0]!);
		} else if (event.kind === 'realloc' && live.length > 0) {
			heap.realloc(live[event.pick! % live.length]!, event.request!);
		}
		layouts.push(live.map(h => blocks.addr[h]!));
	}
	return layouts;
}

/**
 * Fill the heap with small blocks, free a scattered share of them (many holes: a hundred or more free
 * blocks), allocate into some holes, then free everything (one free block), twice over: every
 * threshold an index changes its structure at is crossed both ways.
 */
const phase = fc.record({
	sizes: fc.array(fc.integer({min: 1, max: 90}), {minLength: 150, maxLength: 260}),
	keepEvery: fc.integer({min: 2, max: 4}),
	refill: fc.array(fc.integer({min: 1, max: 120}), {minLength: 20, maxLength: 80}),
});
export const holeyPhases: fc.Arbitrary<LayoutEvent[]> = fc.array(phase, {minLength: 2, maxLength: 2}).map(phases => {
	const events: LayoutEvent[] = [];
	for (const {sizes, keepEvery, refill} of phases) {
		for (const size of sizes) events.push({kind: 'alloc', request: size * 8});
		// Free from the end of the live list backwards, sparing every keepEvery-th block.
		for (let i = sizes.length - 1; i >= 0; i--) if (i % keepEvery !== 0) events.push({kind: 'free', pick: i});
		const kept = Math.ceil(sizes.length / keepEvery);
		for (const size of refill) events.push({kind: 'alloc', request: size * 8});
		for (let i = kept + refill.length - 1; i >= 0; i--) events.push({kind: 'free', pick: i});
	}
	return events;
});

/**
 * The heap's free-block count after each event of one sample of `holeyPhases` under `strategy` on a
 * growable heap; `afterEach` sees the heap after every event (an invariant check, say).
 */
export function freeBlockCounts(strategy: string, seed: number, afterEach: (heap: Heap, step: number) => void = () => {}): number[] {
	const blocks = new BlockTable(8);
	const holder: {heap?: Heap} = {};
	const heap = new Heap({...defaultHeapParams, capacity: 'grow'}, findStrategy(strategy).create({blocks, firstBlock: () => holder.heap!.first}), blocks, 32);
	holder.heap = heap;
	const live: number[] = [];
	const counts: number[] = [];
	for (const [step, event] of fc.sample(holeyPhases, {numRuns: 1, seed})[0]!.entries()) {
		if (event.kind === 'alloc') live.push(heap.allocate(event.request, 0, 0));
		else if (event.kind === 'free') heap.free(live.splice(event.pick % live.length, 1)[0]!);
		afterEach(heap, step);
		counts.push(heap.freeBlocks);
	}
	return counts;
}

/** The most free blocks, and the fewest after the count first exceeded `above`. */
export function peakAndTroughAfter(counts: readonly number[], above: number): {most: number; leastAfter: number} {
	const first = counts.findIndex(c => c > above);
	return {most: Math.max(...counts), leastAfter: first < 0 ? Number.POSITIVE_INFINITY : Math.min(...counts.slice(first))};
}
