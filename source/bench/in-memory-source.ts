import {EventBatch} from '../engine/events.js';
import {Interner} from '../engine/interner.js';
import type {SyncWorkloadSource, WorkloadSource} from '../engine/workload-source.js';

/**
 * A workload already loaded into one batch, replayed from memory: the bench times the engine alone,
 * as the glibc driver times malloc alone, with parsing done beforehand.
 */
export class InMemorySource implements SyncWorkloadSource {
	private position = 0;

	constructor(
		readonly name: string,
		private readonly events: EventBatch,
		readonly hasGraph: boolean,
		readonly sites: Interner,
		readonly owners: Interner,
	) {}

	static async load(source: WorkloadSource): Promise<InMemorySource> {
		let all = new EventBatch(1 << 16);
		for (;;) {
			if (all.full) all = grow(all);
			const read = await source.read(all);
			if (read === 0) break;
		}
		await source.close();
		return new InMemorySource(source.name, all, source.hasGraph, source.sites, source.owners);
	}

	get length(): number {
		return this.events.length;
	}

	get eventsHint(): number {
		return this.events.length;
	}

	get batch(): EventBatch {
		return this.events;
	}

	lendAll(): EventBatch {
		this.position = this.events.length;
		return this.events;
	}

	/** A fresh replay of the same events (shares the loaded batch). */
	rewind(): InMemorySource {
		return new InMemorySource(this.name, this.events, this.hasGraph, this.sites, this.owners);
	}

	readSync(batch: EventBatch): number {
		const from = this.position;
		const count = Math.min(batch.capacity - batch.length, this.events.length - from);
		const e = this.events;
		const at = batch.length;
		batch.op.set(e.op.subarray(from, from + count), at);
		batch.id.set(e.id.subarray(from, from + count), at);
		batch.arg.set(e.arg.subarray(from, from + count), at);
		batch.site.set(e.site.subarray(from, from + count), at);
		batch.owner.set(e.owner.subarray(from, from + count), at);
		batch.line.set(e.line.subarray(from, from + count), at);
		batch.length += count;
		this.position += count;
		return count;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}
}

function grow(batch: EventBatch): EventBatch {
	const bigger = new EventBatch(batch.capacity * 2);
	bigger.op.set(batch.op);
	bigger.id.set(batch.id);
	bigger.arg.set(batch.arg);
	bigger.site.set(batch.site);
	bigger.owner.set(batch.owner);
	bigger.line.set(batch.line);
	bigger.length = batch.length;
	return bigger;
}
