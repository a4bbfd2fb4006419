import {none} from '../blocks.js';
import {InputError} from '../input-error.js';
import type {Collector, CollectorContext, CollectorDescriptor, CycleOutcome} from './collector.js';
import {alignDown, flagMoved, programBlocksIn, programTopBelow, releaseReserves, requireSplittableHeap, reserveRange, slide} from './layout.js';
import {RememberedSet} from './remembered-set.js';
import {allProgramBlocks, reclaimUnmarked} from './sweep.js';

/**
 * Two generations (Lieberman & Hewitt; Ungar's generation scavenging). The old generation is the
 * bottom of the heap, [0, oldLimit); the nursery is the top, two semispaces of which the program
 * allocates in one. Everything the program may not allocate in (the idle semispace and the old
 * generation's free space above its last block) is held back as reserved blocks. Age is the
 * address: a block at or above oldLimit is young.
 *
 * A minor cycle traces only the nursery, from the young roots and the remembered set, copies
 * survivors to the idle semispace and promotes those that have survived `promoteAfter` cycles to the
 * top of the old generation. A major cycle marks everything, slides the old generation down
 * (mark-compact) and then treats the nursery as a minor would. When the old generation's free space
 * falls below a semispace (the promotion guarantee) the next cycle is major.
 */
export function createGenerational(context: CollectorContext): Collector {
	const heap = context.heap;
	const b = heap.blocks;
	const remembered = new RememberedSet(context.graph);
	let age = new Uint8Array(0);
	let oldLimit = 0;
	let half = 0;
	let active = 0;
	let needsFull = false;
	const reserves: number[] = [];

	/**
	 * The old generation's free space is always held back, at least this much of it: without that
	 * fence a freed block at the top of the old generation would coalesce with the nursery's free
	 * space, and a new block could straddle the boundary.
	 */
	const fence = Math.max(heap.params.align, heap.params.minBlock);
	const nurseryBase = (which: number): number => oldLimit + which * half;
	const isYoung = (h: number): boolean => b.addr[h]! >= oldLimit;
	const ensureAge = (): void => {
		if (age.length >= b.capacity) return;
		const grown = new Uint8Array(b.capacity);
		grown.set(age);
		age = grown;
	};
	const reserveAll = (oldTop: number): void => {
		const idle = nurseryBase(1 - active);
		reserveRange(heap, oldTop, oldLimit, reserves);
		reserveRange(heap, idle, idle + half, reserves);
		reserveRange(heap, oldLimit + 2 * half, heap.top, reserves);
	};

	/** Age the young survivors; promote the old enough while the old generation has room. */
	const promoteOrKeep = (survivors: ArrayLike<number>, oldTop: number, moved: number[]): number => {
		ensureAge();
		const promoted: number[] = [];
		const kept: number[] = [];
		let room = oldLimit - fence - oldTop;
		const threshold = context.promoteAfter();
		for (let i = 0; i < survivors.length; i++) {
			const h = survivors[i]!;
			const survived = Math.min(255, age[h]! + 1);
			age[h] = survived;
			if (survived >= threshold && b.size[h]! <= room) {
				promoted.push(h);
				room -= b.size[h]!;
			} else {
				kept.push(h);
				if (survived >= threshold) needsFull = true;
			}
		}
		const newOldTop = slide(heap, promoted, oldTop, moved);
		active = 1 - active;
		slide(heap, kept, nurseryBase(active), moved);
		return newOldTop;
	};

	/** Relayout, hold the unusable space back, rebuild the remembered set; returns bytes moved. */
	const finish = (moved: readonly number[], oldTop: number, candidates: Iterable<number>): number => {
		heap.relayout();
		reserveAll(oldTop);
		remembered.rebuild(candidates, oldLimit);
		if (oldLimit - oldTop < half) needsFull = true;
		return flagMoved(heap, moved);
	};

	const minor = (): CycleOutcome => {
		const {marker} = context;
		const oldTop = programTopBelow(heap, oldLimit);
		const young = programBlocksIn(heap, oldLimit, Number.POSITIVE_INFINITY);
		marker.begin();
		marker.reachRoots(oldLimit);
		remembered.reachYoungTargets(marker, oldLimit);
		const markedObjects = marker.trace(oldLimit);
		const {reclaimedBytes, reclaimedBlocks} = reclaimUnmarked(context, young);
		const survivors = marker.order.subarray(0, marker.count);
		releaseReserves(heap, reserves);
		const moved: number[] = [];
		const newOldTop = promoteOrKeep(survivors, oldTop, moved);
		const promoted = moved.filter(h => b.addr[h]! < oldLimit);
		const movedBytes = finish(moved, newOldTop, promoted);
		return {kind: 'minor', markedObjects, reclaimedBytes, reclaimedBlocks, movedBytes, sweptBlocks: 0};
	};

	const major = (): CycleOutcome => {
		const markedObjects = context.marker.markAll();
		const swept = reclaimUnmarked(context, allProgramBlocks(context));
		needsFull = false;
		const old = programBlocksIn(heap, 0, oldLimit);
		const young = programBlocksIn(heap, oldLimit, Number.POSITIVE_INFINITY);
		releaseReserves(heap, reserves);
		const moved: number[] = [];
		const oldTop = slide(heap, old, 0, moved);
		const newOldTop = promoteOrKeep(young, oldTop, moved);
		const movedBytes = finish(moved, newOldTop, programBlocksIn(heap, 0, oldLimit));
		return {kind: 'major', markedObjects, movedBytes, ...swept, sweptBlocks: swept.sweptBlocks + old.length};
	};

	return {
		name: 'generational',
		splitsHeap: true,
		usableBytes: () => oldLimit + half,
		attach() {
			const capacity = requireSplittableHeap(heap, 'generational');
			const nursery = context.nurseryBytes() || capacity / 8;
			half = alignDown(heap, nursery / 2);
			if (half < heap.params.minBlock || 2 * half > capacity / 2) {
				throw new InputError(`--nursery: ${nursery} bytes is out of range (allowed: ${2 * heap.params.minBlock} to ${Math.floor(capacity / 2)} bytes, half the heap)`);
			}
			oldLimit = alignDown(heap, capacity - 2 * half);
			const live = programBlocksIn(heap, 0, Number.POSITIVE_INFINITY);
			const bytes = live.reduce((sum, h) => sum + b.size[h]!, 0);
			if (bytes > oldLimit - fence) {
				throw new InputError(`--gc generational: ${bytes} bytes in use do not fit the old generation (allowed: up to ${oldLimit - fence} bytes)`);
			}
			active = 0;
			needsFull = false;
			remembered.clear();
			const moved: number[] = [];
			const oldTop = slide(heap, live, 0, moved);
			heap.relayout();
			reserveAll(oldTop);
			flagMoved(heap, moved);
		},
		detach() {
			releaseReserves(heap, reserves);
			remembered.clear();
		},
		collect: full => (full || needsFull ? major() : minor()),
		wantsFullCycle: () => needsFull,
		compact() {
			const old = programBlocksIn(heap, 0, oldLimit);
			const young = programBlocksIn(heap, oldLimit, Number.POSITIVE_INFINITY);
			releaseReserves(heap, reserves);
			const moved: number[] = [];
			const oldTop = slide(heap, old, 0, moved);
			slide(heap, young, nurseryBase(active), moved);
			return finish(moved, oldTop, []);
		},
		/** Pretenuring: a block the nursery cannot hold is allocated straight into the old generation. */
		allocateElsewhere(request, site, owner) {
			const size = heap.blockSizeFor(request);
			const oldTop = programTopBelow(heap, oldLimit);
			if (oldTop + size > oldLimit - fence) return none;
			const oldFree = reserves.filter(h => b.addr[h]! >= oldTop && b.addr[h]! < oldLimit);
			for (const h of oldFree) reserves.splice(reserves.indexOf(h), 1);
			releaseReserves(heap, oldFree);
			const h = heap.carveAt(oldTop, size);
			if (h !== none) {
				heap.realloc(h, request);
				b.site[h] = site;
				b.owner[h] = owner;
			}
			reserveRange(heap, h === none ? oldTop : oldTop + b.size[h]!, oldLimit, reserves);
			return h;
		},
		onRef(from, to) {
			if (b.addr[from]! < oldLimit && b.addr[to]! >= oldLimit) remembered.add(from);
		},
		onRealloc(h) {
			// A move can cross the generation boundary either way: re-check both directions.
			remembered.consider(h, oldLimit);
			if (!isYoung(h)) return;
			const graph = context.graph;
			for (let e = graph.firstIn(h); e !== none; e = graph.nextIn(e)) remembered.consider(graph.edgeFrom[e]!, oldLimit);
		},
		onRelease(h) {
			if (h < age.length) age[h] = 0;
			remembered.forget(h);
		},
	};
}

export const generational: CollectorDescriptor = {
	name: 'generational',
	description: 'copying nursery with promotion, mark-compact old generation, remembered set for old->young references',
	create: createGenerational,
};
