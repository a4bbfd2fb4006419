import {Op, noName, type EventBatch} from '../engine/events.js';
import type {Interner} from '../engine/interner.js';
import {memtraceVersion} from './memtrace.js';

/** The first line of a memtrace file. */
export const memtraceHeader = `memtrace ${memtraceVersion}`;

/**
 * Event `i` of a batch as one memtrace line (no newline): how a generator's run or a converted
 * valgrind log is saved so it replays exactly. Names are written as they are, so a site or owner
 * name must not contain blanks (the format separates fields by blanks).
 */
export function formatMemtraceEvent(batch: EventBatch, i: number, sites: Interner, owners: Interner): string {
	const id = batch.id[i]!;
	const arg = batch.arg[i]!;
	switch (batch.op[i]) {
		case Op.alloc:
		case Op.realloc: {
			let line = `${batch.op[i] === Op.alloc ? 'a' : 'r'} ${id} ${arg}`;
			const site = batch.site[i]!;
			const owner = batch.owner[i]!;
			if (site !== noName) line += ` site=${sites.name(site)}`;
			if (owner !== noName) line += ` owner=${owners.name(owner)}`;
			return line;
		}
		case Op.free:
			return `f ${id}`;
		case Op.ref:
			return `ref ${id} ${arg}`;
		case Op.unref:
			return `unref ${id} ${arg}`;
		case Op.root:
			return `root ${id}`;
		case Op.unroot:
			return `unroot ${id}`;
		case Op.touch:
			return `touch ${id}`;
		case Op.tick:
			return `tick ${arg}`;
		case Op.taskStart:
			return `task ${owners.name(batch.owner[i]!)} start`;
		case Op.taskEnd:
			return `task ${owners.name(batch.owner[i]!)} end`;
		default:
			throw new Error(`event ${i} has no memtrace spelling (op ${batch.op[i]})`);
	}
}
