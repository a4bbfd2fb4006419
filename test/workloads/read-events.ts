import {EventBatch, opNames} from '../../source/engine/events.js';
import type {WorkloadSource} from '../../source/engine/workload-source.js';

/** One event with its names resolved, for exact comparisons in tests. */
export interface PlainEvent {
	op: string;
	id: number;
	arg: number;
	site: string;
	owner: string;
	line: number;
}

/** Every event a source yields, read through a small batch so batch boundaries are crossed many times. */
export async function readEvents(source: WorkloadSource, batchSize = 7): Promise<PlainEvent[]> {
	const batch = new EventBatch(batchSize);
	const events: PlainEvent[] = [];
	for (;;) {
		batch.clear();
		if ((await source.read(batch)) === 0) break;
		events.push(...plainEvents(batch, source));
	}
	await source.close();
	return events;
}

export function plainEvents(batch: EventBatch, source: Pick<WorkloadSource, 'sites' | 'owners'>): PlainEvent[] {
	const events: PlainEvent[] = [];
	for (let i = 0; i < batch.length; i++) {
		events.push({
			op: opNames[batch.op[i]!]!,
			id: batch.id[i]!,
			arg: batch.arg[i]!,
			site: source.sites.name(batch.site[i]!),
			owner: source.owners.name(batch.owner[i]!),
			line: batch.line[i]!,
		});
	}
	return events;
}

/** A compact spelling for exact sequence assertions: `a 3 4096 request.body req-7 @8`. */
export function brief(event: PlainEvent): string {
	const names = [event.site, event.owner].filter((name) => name !== '').join(' ');
	return `${event.op} ${event.id} ${event.arg}${names === '' ? '' : ` ${names}`} @${event.line}`;
}

/** Live bytes and blocks after replaying alloc/realloc/free: a tiny id -> size map, independent of the engine. */
export function liveAfter(events: readonly PlainEvent[]): {bytes: number; blocks: number} {
	const sizes = new Map<number, number>();
	for (const event of events) {
		if (event.op === 'a') {
			if (sizes.has(event.id)) throw new Error(`line ${event.line}: id ${event.id} allocated twice`);
			sizes.set(event.id, event.arg);
		} else if (event.op === 'r') {
			if (!sizes.has(event.id)) throw new Error(`line ${event.line}: realloc of unknown id ${event.id}`);
			sizes.set(event.id, event.arg);
		} else if (event.op === 'f') {
			if (!sizes.delete(event.id)) throw new Error(`line ${event.line}: free of unknown id ${event.id}`);
		}
	}
	let bytes = 0;
	for (const size of sizes.values()) bytes += size;
	return {bytes, blocks: sizes.size};
}
