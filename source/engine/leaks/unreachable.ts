import {BlockState, letGo} from '../graph/object-graph.js';
import {countFindings} from './group-by-site.js';
import type {LeakContext} from './leak-context.js';

/**
 * Lost blocks, as valgrind memcheck reports them at exit: held blocks (never freed) that no root
 * reaches, "definitely lost" when nothing points at them and "indirectly lost" when only other lost
 * blocks do. Only in explicit and lazy modes: under gc, unreachable blocks are the collector's to
 * take.
 *
 * Programs drop a reference a few events before they free (`unref`, then `f`) and allocate a block
 * a few events before they link it (`a`, then `ref`); a check in between would see those blocks as
 * lost. So blocks born or cut loose in the last `leakGrace` events, and what they reach, are given
 * the benefit of the doubt until the next check.
 *
 * Call right after a full mark from the roots; the mark is extended over the grace blocks.
 */
export function findUnreachable(context: LeakContext): number[] {
	const {graph, marker, heap} = context;
	const b = heap.blocks;
	const recent = context.eventNumber() - context.params.leakGrace;
	const limit = b.handleLimit;
	for (let h = 0; h < limit; h++) {
		if (!graph.isProgramBlock(h) || marker.isMarked(h) || (graph.state[h]! & letGo) !== 0) continue;
		if (b.born[h]! > recent || graph.lastDetach[h]! > recent) marker.reach(h);
	}
	marker.trace();
	const lost: number[] = [];
	for (let h = 0; h < limit; h++) {
		if (graph.isProgramBlock(h) && !marker.isMarked(h) && (graph.state[h]! & letGo) === 0) lost.push(h);
	}
	return lost;
}

export function reportUnreachable(context: LeakContext, lost: readonly number[]): void {
	if (lost.length === 0) return;
	const {graph} = context;
	countFindings(context, 'unreachable', BlockState.unreachable, lost, group => {
		const first = lost.find(h => context.heap.blocks.site[h] === group.site)!;
		return graph.inDegree[first] === 0
			? 'definitely lost: nothing references it, no root reaches it, and it was never freed'
			: 'indirectly lost: only other lost blocks reference it, and it was never freed';
	});
	if (context.params.repair === 'auto') context.repairs.repair(context, 'unreachable', lost, 'auto: unreachable');
}
