import {BlockState, letGo} from '../graph/object-graph.js';
import {countFindings} from './group-by-site.js';
import type {LeakContext} from './leak-context.js';

/**
 * Staleness, after SWAT (Chilimbi & Hauswirth 2004): blocks the program can still reach but has not
 * touched for more than `staleAfter` time units (events plus ticks). Reachable leaks, such as
 * forgotten listeners, escape every collector; only their disuse gives them away. A steady cache
 * evicts its cold entries before they go stale, so it raises nothing. Without `touch` events
 * staleness cannot be told from age, so the check needs the workload to report touches.
 */
export function findStale(context: LeakContext, reachable: (h: number) => boolean): number[] {
	const {graph, heap} = context;
	const b = heap.blocks;
	const before = context.time() - context.params.staleAfter;
	const stale: number[] = [];
	for (let h = 0; h < b.handleLimit; h++) {
		if (!graph.isProgramBlock(h) || (graph.state[h]! & letGo) !== 0) continue;
		if (b.lastTouch[h]! < before && reachable(h)) stale.push(h);
	}
	return stale;
}

export function reportStale(context: LeakContext, stale: readonly number[]): void {
	if (stale.length === 0) return;
	const after = context.params.staleAfter;
	countFindings(context, 'stale', BlockState.stale, stale, () => `reachable but not touched for more than ${after} time units`);
}

/** A touch makes a stale block fresh again: it stops being drawn as leaked (it stays counted). */
export function touched(context: Pick<LeakContext, 'graph' | 'heap'>, h: number): void {
	const state = context.graph.state[h]!;
	if ((state & BlockState.stale) !== 0 && (state & (BlockState.unreachable | BlockState.ownerEnd)) === 0) {
		context.heap.setLeaked(h, false);
	}
}
