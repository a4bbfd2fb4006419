import {BlockFlag, none} from './blocks.js';
import type {Simulation} from './simulation.js';

/**
 * `--dump FILE`: the heap's live blocks as JSON lines, in address order, one block a line:
 * `{"id","addr","size","site","owner"}` with the workload's id, the payload size the program asked
 * for, and site and owner names ('' when none was given). The caller writes the lines; the engine
 * touches no file.
 */
export function dumpHeap(sim: Simulation): string[] {
	const {heap, blocks, source} = sim;
	const lines: string[] = [];
	for (let h = heap.first; h !== none; h = blocks.next[h]!) {
		if ((blocks.flags[h]! & (BlockFlag.free | BlockFlag.reserved)) !== 0) continue;
		lines.push(
			JSON.stringify({
				id: blocks.extId[h],
				addr: blocks.addr[h],
				size: blocks.request[h],
				site: source.sites.name(blocks.site[h]!),
				owner: source.owners.name(blocks.owner[h]!),
			}),
		);
	}
	return lines;
}
