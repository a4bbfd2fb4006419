import {EventBatch, noName, type OpCode} from '../../engine/events.js';
import {Interner} from '../../engine/interner.js';
import {Rng} from '../../engine/rng.js';
import type {SyncWorkloadSource} from '../../engine/workload-source.js';

export interface GeneratorOptions {
	seed: number;
	/** Total number of events; undefined for an endless workload (the dashboard plays it until the user quits). */
	events?: number;
}

/**
 * The common machinery of the synthetic workloads: seeded randomness, the event budget, and a
 * queue between a generator's `step` (which emits a few related events at once: a tree, a task's
 * teardown) and the caller's batch (which may have room for only part of them).
 *
 * Each subclass is a small simulation of one program shape, and says what it leaks: `leakingSites`
 * is the ground truth a leak detector's findings are scored against (empty for healthy shapes).
 */
export abstract class GeneratorSource implements SyncWorkloadSource {
	abstract readonly name: string;
	abstract readonly hasGraph: boolean;
	abstract readonly leakingSites: readonly string[];
	readonly sites = new Interner();
	readonly owners = new Interner();
	protected readonly rng: Rng;
	/** Steps taken so far: the generator's clock, used for lifetimes. */
	protected now = 0;
	private lastId = -1;
	private readonly limit: number;
	private emitted = 0;
	private pending = new EventBatch(256);
	private head = 0;

	constructor(options: GeneratorOptions) {
		this.rng = new Rng(options.seed);
		this.limit = options.events ?? Number.POSITIVE_INFINITY;
	}

	get eventsHint(): number | undefined {
		return Number.isFinite(this.limit) ? this.limit : undefined;
	}

	/** Emits the next few events through `emit` (a step that emits none is simply followed by another). */
	protected abstract step(): void;

	/** A block id never used before in this run: generators never reuse ids, so a stale reference cannot alias a new block. */
	protected newId(): number {
		return ++this.lastId;
	}

	protected emit(op: OpCode, id: number, arg = 0, site = noName, owner = noName): void {
		if (this.pending.full) this.growPending();
		this.pending.push(op, id, arg, site, owner, 0);
	}

	readSync(batch: EventBatch): number {
		const before = batch.length;
		while (batch.length < batch.capacity && this.emitted < this.limit) {
			const q = this.pending;
			if (this.head === q.length) {
				q.clear();
				this.head = 0;
				this.step();
				this.now++;
				continue;
			}
			const i = this.head++;
			batch.push(q.op[i] as OpCode, q.id[i]!, q.arg[i]!, q.site[i]!, q.owner[i]!, 0);
			this.emitted++;
		}
		return batch.length - before;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}

	/** A step that emits more than the queue holds (a big phase teardown) just gets a bigger queue. */
	private growPending(): void {
		const old = this.pending;
		const bigger = new EventBatch(old.capacity * 2);
		for (let i = 0; i < old.length; i++) bigger.push(old.op[i] as OpCode, old.id[i]!, old.arg[i]!, old.site[i]!, old.owner[i]!, 0);
		this.pending = bigger;
	}
}
