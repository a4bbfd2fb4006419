import {BlockState, letGo} from '../graph/object-graph.js';
import {countFindings} from './group-by-site.js';
import type {LeakContext} from './leak-context.js';

/**
 * Blocks an owner still holds when its task ends, as Apache Flink's MemoryManager checks when a task
 * releases its managed memory (and frees what is left, logging it). Repair `auto` does the same.
 */
export function checkOwnerEnd(context: LeakContext, owner: number): void {
	const {graph, heap, ledger} = context;
	if (owner >= ledger.ownerBlocks.length || ledger.ownerBlocks[owner]! <= 0) return;
	const b = heap.blocks;
	const held: number[] = [];
	for (let h = 0; h < b.handleLimit; h++) {
		if (b.owner[h] === owner && graph.isProgramBlock(h) && (graph.state[h]! & letGo) === 0) held.push(h);
	}
	if (held.length === 0) return;
	const name = context.ownerName(owner);
	countFindings(context, 'owner-end', BlockState.ownerEnd, held, () => `still held when task ${name} ended`);
	if (context.params.repair === 'auto') context.repairs.repair(context, 'owner-end', held, `auto: task ${name} ended`);
}
