import type {Admission, AdmissionVerdict} from './admission.js';
import {BlockTable, none} from './blocks.js';
import {applyChange, type Change, type ScheduledChange} from './changes.js';
import {EventBatch, Op} from './events.js';
import type {GcStats} from './collectors/gc-stats.js';
import {Heap} from './heap.js';
import {failedId, IdTable, missingId} from './id-table.js';
import {InputError} from './input-error.js';
import type {LeakAlert} from './leaks/alerts.js';
import {checkHeapInvariants} from './invariants.js';
import {Metrics} from './metrics.js';
import {AdmissionChain} from './partition/admission-chain.js';
import {Partition} from './partition/partition.js';
import {changeLiveBytes} from './leaks/site-ledger.js';
import {SiteStats} from './site-stats.js';
import type {SimulationParams} from './params.js';
import {applyGraphEvent} from './reclaim/graph-events.js';
import {Reclamation} from './reclaim/reclamation.js';
import {findStrategy} from './strategies/registry.js';
import type {PlacementStrategy} from './strategies/strategy.js';
import {TunerDriver} from './tuner/tuner-driver.js';
import type {SyncWorkloadSource, WorkloadSource} from './workload-source.js';
import {Emitter, type SimulationEventMap} from './simulation-events.js';

export interface SimulationOptions {
	readonly source: WorkloadSource;
	readonly params: SimulationParams;
	/** Scripted changes (`--change`), applied after the event number each names. */
	readonly changes?: readonly ScheduledChange[];
	/** Milliseconds clock for events/s; the engine reads no clock it is not given. */
	readonly now?: () => number;
	/** Cells of the heap map summary. */
	readonly mapCells?: number;
	readonly batchSize?: number;
	/** Rows the block table starts with (it doubles as needed). */
	readonly initialBlocks?: number;
	/** Budgets asked before the heap (Flink's MemoryManagers and network buffer pool under `--flink`). */
	readonly admission?: Admission;
}

export type RunState = 'running' | 'paused' | 'finished';

/** Rows for a table that may need one per event: the next power of two of `events`, within [1024, limit]. */
function tableSize(events: number | undefined, limit: number): number {
	if (events === undefined || !(events < limit)) return limit;
	let rows = 1024;
	while (rows < events + 1) rows *= 2;
	return Math.min(rows, limit);
}

/** A simulation given no clock: one shared function, not a closure made anew for every simulation. */
const noClock = (): number => 0;

/**
 * One run: a workload pulled through a heap under a strategy. The engine knows nothing of screens or
 * files: callers step it (`stepSync`, `fill`, `runToEnd`), read `metrics` or `summary()`, and listen
 * through `on(type, fn)`. Parameter changes from `--change`, a key or a recording all go through `apply`.
 */
export class Simulation {
	readonly blocks: BlockTable;
	readonly heap: Heap;
	readonly metrics: Metrics;
	readonly ids = new IdTable();
	readonly events = new Emitter<SimulationEventMap>();
	/** Object graph, reclamation mode, collector and leak detectors. */
	readonly reclamation: Reclamation;
	/** Allocations per site and owner (the dashboard's allocs/s). */
	readonly siteStats = new SiteStats();
	readonly admission?: Admission;
	/** Quotas per owner (`--partition`); under `shared` it only counts per owner. */
	readonly partition: Partition;
	/** The adaptive tuner (`--tuner`, key `u`); off unless asked for. */
	readonly tuner: TunerDriver;
	params: SimulationParams;
	/** Events applied so far; changes scheduled "at event n" apply right after event n. */
	eventNumber = 0;
	/** Events plus `tick` units: the clock stale-detection counts in. */
	time = 0;
	/** The source has no more events (the buffer may still hold some). */
	sourceEnded = false;
	/** Line of the event being applied (0 for generated workloads). */
	currentLine = 0;

	private readonly batch: EventBatch;
	/** The batch is the source's own, lent whole (`lendAll`): never cleared or refilled. */
	private readonly lent: boolean;
	private cursor = 0;
	private readonly pending: ScheduledChange[];
	private readonly now: () => number;
	private readonly syncSource?: SyncWorkloadSource;
	/** The block placed by the latest allocation: held as a root by a collection the next event starts. */
	private lastPlaced = none;
	private lastPlacedEvent = -2;
	/** Every admission check in order: Flink's budgets, then the partition. */
	private readonly checks: AdmissionChain;
	/** Event number of the next metrics sample (a multiple of `sampleEvery`). */
	private nextSample = 0;

	constructor(readonly source: WorkloadSource, options: Omit<SimulationOptions, 'source'>) {
		this.params = {...options.params};
		this.admission = options.admission;
		this.now = options.now ?? noClock;
		const hint = source.eventsHint;
		const lent = options.batchSize === undefined ? source.lendAll?.() : undefined;
		this.lent = lent !== undefined;
		this.batch = lent ?? new EventBatch(options.batchSize ?? tableSize(hint, 1 << 13));
		// A lent batch is the whole workload: the source has nothing more to read.
		if (lent) this.sourceEnded = true;
		// 64k rows (3.5 MB, 10 MB with the graph's side tables) for a workload of unknown length: growing
		// the table and every side table with it costs more than it saves. A workload that says how long it
		// is gets tables its size: allocating and first touching megabytes it never uses was most of the
		// cost of a short trace (a 27-event replay: 1.9 ms of set-up, 918 ns an event against 279).
		this.blocks = new BlockTable(options.initialBlocks ?? tableSize(hint, 1 << 16));
		this.heap = new Heap(this.params, this.createStrategy(this.params.strategy), this.blocks, options.mapCells ?? 4096);
		this.metrics = new Metrics();
		this.reclamation = new Reclamation(this, this.now);
		// Parameters recorded before partitions and the tuner existed lack these keys: shared, off.
		const {partition = 'shared', quotas = {}, owners = 0, capacity} = this.params;
		this.partition = new Partition(this, {mode: partition, quotas, owners, capacity});
		this.checks = new AdmissionChain([this.admission, this.partition]);
		this.tuner = new TunerDriver(this);
		if (this.params.tuner !== undefined && this.params.tuner !== 'off') this.tuner.setMode(this.params.tuner);
		// The first sample is due at the first multiple of sampleEvery: starting at 0 would send the first
		// event down the general path only to learn that.
		this.nextSample = this.params.sampleEvery;
		this.pending = [...(options.changes ?? [])].sort((a, b) => a.event - b.event);
		if ('readSync' in source && typeof (source as SyncWorkloadSource).readSync === 'function') {
			this.syncSource = source as SyncWorkloadSource;
		}
		this.applyDueChanges();
	}

	get finished(): boolean {
		return this.sourceEnded && this.cursor >= this.batch.length;
	}

	/** Events buffered and ready for `stepSync` without waiting for the source. */
	get buffered(): number {
		return this.batch.length - this.cursor;
	}

	/** Read the next batch from the source when the buffer is empty. */
	async fill(): Promise<void> {
		if (this.cursor < this.batch.length || this.sourceEnded) return;
		this.batch.clear();
		this.cursor = 0;
		const read = await this.source.read(this.batch);
		if (read === 0) this.finish();
	}

	/**
	 * Apply up to `max` events that are already buffered (synthetic sources refill synchronously).
	 * Returns how many were applied; 0 with `finished` false means "call fill() first".
	 */
	stepSync(max: number): number {
		let applied = 0;
		const started = this.now();
		while (applied < max) {
			if (this.cursor >= this.batch.length) {
				if (this.lent) this.finish();
				if (!this.syncSource || this.sourceEnded) break;
				this.batch.clear();
				this.cursor = 0;
				if (this.syncSource.readSync(this.batch) === 0) {
					this.finish();
					break;
				}
			}
			const end = Math.min(this.batch.length, this.cursor + (max - applied), this.nextStop());
			const from = this.cursor;
			for (let i = from; i < end; ) {
				if (this.plainReady()) i = this.replayPlain(i, end);
				if (i < end) this.applyEvent(i++);
			}
			this.cursor = end;
			applied += end - from;
			if (this.pending.length > 0 && this.pending[0]!.event <= this.eventNumber) this.applyDueChanges();
		}
		this.metrics.simulationMs += this.now() - started;
		if (applied > 0) this.events.emit('step', {event: this.eventNumber});
		return applied;
	}

	/** Run until the workload ends (or `limit` events), calling `onProgress` between batches. */
	async runToEnd(limit = Number.POSITIVE_INFINITY, onProgress?: (events: number) => void): Promise<void> {
		while (this.eventNumber < limit) {
			if (this.buffered === 0) await this.fill();
			const applied = this.stepSync(Math.min(this.batch.capacity, limit - this.eventNumber));
			if (applied === 0 && this.finished) break;
			onProgress?.(this.eventNumber);
		}
		this.finish();
	}

	/** Apply a parameter change or an action now, as a key press or a scheduled `--change` does. */
	apply(change: Change, origin: 'user' | 'scripted' = 'user'): void {
		applyChange(this, change, origin);
	}

	/** Queue a change for a later event number (the dashboard's recordings replay through this). */
	schedule(change: ScheduledChange): void {
		this.pending.push(change);
		this.pending.sort((a, b) => a.event - b.event);
	}

	/** Collection totals and the last 64 cycles, for the dashboard. */
	get gcStats(): GcStats {
		return this.reclamation.driver.stats;
	}

	/** Current leak alerts, grouped by kind and site (a new array whenever one changes). */
	alerts(): readonly LeakAlert[] {
		return this.reclamation.alertList();
	}

	/** Replace the placement strategy, rebuilding its index from the current free blocks. */
	switchStrategy(name: string): void {
		const strategy = this.createStrategy(name);
		if (strategy.powerOfTwo && this.reclamation.driver.collector.splitsHeap) {
			throw new InputError(`strategy ${name}: the ${this.params.collector} collector splits the heap at addresses buddy blocks cannot straddle`);
		}
		this.heap.setStrategy(strategy);
		this.params.strategy = name;
	}

	/** A full collection for the partition's elastic lending, holding the block placed just before as a root. */
	collectForAdmission(): boolean {
		if (!this.reclamation.driver.active) return false;
		const recent = this.lastPlacedEvent >= this.eventNumber - 1 ? this.lastPlaced : none;
		this.reclamation.driver.collect(true, recent);
		return true;
	}

	/** The final figures, with the same keys as `--json`. */
	summary(): ReturnType<Metrics['summary']> {
		this.metrics.sample(this.heap);
		return this.metrics.summary(this);
	}

	private finish(): void {
		if (this.sourceEnded && this.metrics.ended) return;
		this.sourceEnded = true;
		if (this.cursor < this.batch.length) return;
		if (!this.metrics.ended) {
			this.metrics.ended = true;
			this.reclamation.finish();
			this.metrics.sample(this.heap);
			this.events.emit('end', {event: this.eventNumber});
		}
	}

	private nextStop(): number {
		if (this.pending.length === 0) return Number.POSITIVE_INFINITY;
		return this.cursor + Math.max(1, this.pending[0]!.event - this.eventNumber);
	}

	private applyDueChanges(): void {
		while (this.pending.length > 0 && this.pending[0]!.event <= this.eventNumber) {
			const change = this.pending.shift()!;
			this.apply(change, 'scripted');
		}
	}

	private createStrategy(name: string): PlacementStrategy {
		const descriptor = findStrategy(name);
		const heap = (): Heap => this.heap;
		return descriptor.create({
			blocks: this.blocks,
			firstBlock: () => heap().first,
			sizeClasses: this.params.sizeClasses,
		});
	}

	/**
	 * Nothing but the heap and its counters needs to hear of an a/f/r event: no `--check`, no budgets
	 * or charged quotas, no tuner, no collector, no object graph. Most headless replays (the bench,
	 * `compare`, `run --json` on a trace) are like this from start to end.
	 */
	private plainReady(): boolean {
		return !this.params.check && this.admission === undefined && !this.partition.charging && this.reclamation.quiet && this.tuner.quiet;
	}

	/**
	 * Apply events from `i` while each is a plain allocation, free or resize of a known id by no owner,
	 * with the general path's effects but none of its hooks (which `plainReady` says are idle); returns
	 * the index of the first event left for `applyEvent`. Half of a replay's time went to those hooks.
	 *
	 * The event counters, the peaks and the latest placement live in locals and are written back once,
	 * when the loop stops: nothing the loop calls reads them, and loads and stores of object fields
	 * between calls were a fifth of a replay (realloc2-bal tlsf 0.77x, first-fit 0.84x in one-process A/B).
	 */
	private replayPlain(i: number, end: number): number {
		const batch = this.batch;
		const opColumn = batch.op;
		const idColumn = batch.id;
		const sizeColumn = batch.arg;
		const siteColumn = batch.site;
		const ownerColumn = batch.owner;
		const heap = this.heap;
		const b = this.blocks;
		const ids = this.ids;
		const m = this.metrics;
		const r = this.reclamation;
		const tracking = r.tracking;
		const ledger = r.ledger;
		const siteStats = this.siteStats;
		const trigger = r.driver.triggerBytes;
		let event = this.eventNumber;
		// Plain events add one to the clock each, so the clock keeps its distance from the event number.
		const lag = this.time - event;
		// An event that reaches one of these event numbers needs applyEvent's after-event checks. Metrics
		// samples are taken here instead: leaving the loop for one every 256 events cost 2 ns an event.
		const attention = Math.min(r.nextCheck, this.tuner.due);
		let nextSample = this.nextSample;
		const stop = Math.min(end, i + Math.max(0, attention - 1 - event));
		let allocs = 0;
		let frees = 0;
		let reallocs = 0;
		let peakBytes = m.peakLiveBytes;
		let peakBlocks = m.peakLiveBlocks;
		let highWater = m.highWaterBytes;
		let lastPlaced = none;
		let lastPlacedEvent = 0;
		// The site ledger's and the allocation counts' columns, read once: they are replaced only when a
		// new site outgrows them, which goes through their own methods and is read again here. Placements
		// here are all by owner 0, so owner 0's counts are kept in locals too.
		let liveBytes = ledger.liveBytes;
		let liveBlocks = ledger.liveBlocks;
		let floorBytes = ledger.floorBytes;
		let siteAllocs = siteStats.siteAllocs;
		let sites = tracking ? Math.min(liveBytes.length, siteAllocs.length) : siteAllocs.length;
		let ownerPlaced = 0;
		let ownerFreed = 0;
		// Ids a collector or repair freed under the program (rare): a new allocation of one clears it.
		const reclaimed = r.reclaimedIds;
		// The event the heap could not serve, or the block that reached the collector's trigger.
		let failed = -1;
		let triggered = none;
		for (; i < stop; i++) {
			if (event >= nextSample) {
				this.sampleAt(event);
				nextSample = this.nextSample;
			}
			if (ownerColumn[i] !== 0) break;
			const id = idColumn[i]!;
			const h = ids.denseHandle(id);
			const op = opColumn[i]!;
			// Only an allocation of a new id, or a free or resize of a live block, is plain.
			if (op === Op.alloc ? h !== missingId : (op !== Op.free && op !== Op.realloc) || h < 0) break;
			event++;
			if (op === Op.free) {
				frees++;
				if (tracking) {
					// ledger.remove, with owner 0's count in a local.
					const site = b.site[h]!;
					changeLiveBytes(liveBytes, floorBytes, site, -b.request[h]!);
					liveBlocks[site]!--;
					const owner = b.owner[h]!;
					if (owner === 0) ownerFreed++;
					else ledger.ownerBlocks[owner]!--;
				}
				heap.free(h);
				ids.setDense(id, missingId);
				continue;
			}
			let placed = h;
			if (op === Op.alloc) {
				allocs++;
				const site = siteColumn[i]!;
				const request = sizeColumn[i]!;
				placed = heap.allocate(request, site, 0);
				if (placed === none) {
					failed = i;
					break;
				}
				b.extId[placed] = id;
				b.born[placed] = event;
				ids.setDense(id, placed);
				if (site < sites) {
					// ledger.add and siteStats.placed for a site both already have room for.
					if (tracking) {
						liveBytes[site] = liveBytes[site]! + request;
						liveBlocks[site]!++;
					}
					siteAllocs[site]!++;
					ownerPlaced++;
				} else {
					if (tracking) ledger.add(site, 0, request);
					siteStats.placed(site, 0);
					liveBytes = ledger.liveBytes;
					liveBlocks = ledger.liveBlocks;
					floorBytes = ledger.floorBytes;
					siteAllocs = siteStats.siteAllocs;
					sites = tracking ? Math.min(liveBytes.length, siteAllocs.length) : siteAllocs.length;
				}
				if (reclaimed.size > 0) reclaimed.delete(id);
				lastPlaced = placed;
				lastPlacedEvent = event;
			} else {
				reallocs++;
				const before = b.request[h]!;
				if (heap.realloc(h, sizeColumn[i]!) === none) {
					failed = i;
					break;
				}
				// reallocated()'s collector hook is for an active collector, which a plain run has not.
				if (tracking) changeLiveBytes(liveBytes, floorBytes, b.site[h]!, b.request[h]! - before);
			}
			b.lastTouch[placed] = event + lag;
			const blockEnd = b.addr[placed]! + b.size[placed]!;
			if (blockEnd > highWater) highWater = blockEnd;
			if (heap.payloadBytes > peakBytes) peakBytes = heap.payloadBytes;
			if (heap.usedBlocks > peakBlocks) peakBlocks = heap.usedBlocks;
			if (op === Op.alloc && heap.usedBlockBytes >= trigger) {
				triggered = placed;
				i++;
				break;
			}
		}
		if (tracking) ledger.ownerBlocks[0] = ledger.ownerBlocks[0]! + ownerPlaced - ownerFreed;
		siteStats.ownerAllocs[0] = siteStats.ownerAllocs[0]! + ownerPlaced;
		m.allocs += allocs;
		m.frees += frees;
		m.reallocs += reallocs;
		m.peakLiveBytes = peakBytes;
		m.peakLiveBlocks = peakBlocks;
		m.highWaterBytes = highWater;
		if (event !== this.eventNumber) {
			this.eventNumber = event;
			this.time = event + lag;
			this.currentLine = batch.line[failed >= 0 ? failed : i - 1]!;
		}
		if (lastPlaced !== none) {
			this.lastPlaced = lastPlaced;
			this.lastPlacedEvent = lastPlacedEvent;
		}
		if (triggered !== none) r.occupancyReached(triggered);
		if (failed >= 0) {
			// The general path's recovery and failure; a collection may have changed what plainReady said.
			const id = idColumn[failed]!;
			const size = sizeColumn[failed]!;
			if (opColumn[failed] === Op.alloc) {
				this.placeOrFail(id, size, siteColumn[failed]!, 0, none);
			} else {
				const h = ids.denseHandle(id);
				this.resizeOrFail(id, h, size, b.request[h]!, none);
			}
			i = failed + 1;
		}
		// The last event applied here, as applyEvent ends every event.
		if (this.eventNumber >= this.nextSample) this.sampleAt(this.eventNumber);
		return i;
	}

	private applyEvent(i: number): void {
		const batch = this.batch;
		const op = batch.op[i]!;
		this.eventNumber++;
		this.time++;
		this.currentLine = batch.line[i]!;
		switch (op) {
			case Op.alloc:
				this.allocate(batch.id[i]!, batch.arg[i]!, batch.site[i]!, batch.owner[i]!);
				break;
			case Op.free:
				this.free(batch.id[i]!);
				break;
			case Op.realloc:
				this.realloc(batch.id[i]!, batch.arg[i]!, batch.site[i]!, batch.owner[i]!);
				break;
			case Op.tick:
				this.time += batch.arg[i]!;
				this.metrics.graphEvents++;
				break;
			default:
				this.metrics.graphEvents++;
				applyGraphEvent(this.reclamation, op, batch.id[i]!, batch.arg[i]!, batch.owner[i]!);
				if (op === Op.taskEnd) this.checks.taskEnded(batch.owner[i]!);
		}
		if (this.eventNumber >= this.reclamation.nextCheck) this.reclamation.periodic();
		const tuner = this.tuner;
		if (this.eventNumber >= tuner.due || this.heap.top > tuner.top || this.metrics.failures > tuner.failures) tuner.look();
		if (this.eventNumber >= this.nextSample) this.sampleAt(this.eventNumber);
		if (this.params.check) {
			// Checked runs keep the map from their first event, so its per-event updates are what gets checked.
			this.heap.map.track();
			const problem = checkHeapInvariants(this.heap);
			if (problem) throw new Error(`invariant broken after event ${this.eventNumber} (line ${this.currentLine}): ${problem}`);
		}
	}

	/** The metrics sample due after event `event`, and the next one's event number. */
	private sampleAt(event: number): void {
		const every = this.params.sampleEvery;
		if (event % every === 0) this.metrics.sample(this.heap);
		this.nextSample = (Math.floor(event / every) + 1) * every;
	}

	private allocate(id: number, size: number, site: number, owner: number): void {
		const m = this.metrics;
		m.allocs++;
		const existing = this.ids.get(id);
		if (existing >= 0) {
			m.anomaly('duplicate-alloc', this.currentLine, this.eventNumber);
			return;
		}
		if (this.tuner.watching) this.tuner.requested(size);
		const verdict = this.checks.admit(id, size, site, owner);
		if (verdict !== 'heap') return this.notOnHeap(id, size, verdict);
		this.placeOrFail(id, size, site, owner, this.heap.allocate(size, site, owner));
	}

	/** Finish an allocation the heap answered with `h`: place it, or recover (lazy queue, collection), or fail. */
	private placeOrFail(id: number, size: number, site: number, owner: number, h: number): void {
		if (h === none) {
			const recent = this.lastPlacedEvent >= this.eventNumber - 1 ? this.lastPlaced : none;
			h = this.reclamation.allocateAfterFailure(size, site, owner, recent);
		}
		if (h === none) {
			this.checks.release(id);
			this.partition.heapFailed(owner);
			this.ids.set(id, failedId);
			this.metrics.failure(size, this.eventNumber, this.currentLine);
			this.events.emit('failure', {event: this.eventNumber, size, line: this.currentLine});
			return;
		}
		this.placed(h, id);
	}

	/** The admission refused the request (a failure with its reason) or took it into its own pool; either way no heap block. */
	private notOnHeap(id: number, size: number, verdict: Exclude<AdmissionVerdict, 'heap'>): void {
		this.ids.set(id, failedId);
		if (verdict === 'outside') return;
		this.metrics.failure(size, this.eventNumber, this.currentLine, verdict.refuse);
		this.events.emit('failure', {event: this.eventNumber, size, line: this.currentLine, reason: verdict.refuse});
	}

	private placed(h: number, id: number): void {
		const b = this.blocks;
		b.extId[h] = id;
		b.born[h] = this.eventNumber;
		b.lastTouch[h] = this.time;
		this.ids.set(id, h);
		this.metrics.afterPlacement(this.heap, b.addr[h]! + b.size[h]!);
		const r = this.reclamation;
		if (r.tracking) r.ledger.add(b.site[h]!, b.owner[h]!, b.request[h]!);
		this.siteStats.placed(b.site[h]!, b.owner[h]!);
		if (r.reclaimedIds.size > 0) r.reclaimedIds.delete(id);
		this.lastPlaced = h;
		this.lastPlacedEvent = this.eventNumber;
		if (this.heap.usedBlockBytes >= r.driver.triggerBytes) r.occupancyReached(h);
	}

	private free(id: number): void {
		const m = this.metrics;
		m.frees++;
		this.checks.release(id);
		const h = this.ids.get(id);
		if (h === failedId) {
			this.ids.delete(id);
			return;
		}
		if (h === missingId) {
			// A block a collector or a repair already freed: the program's own free is no error.
			if (this.reclamation.reclaimedIds.delete(id)) return;
			m.invalidFrees++;
			m.anomaly('invalid-free', this.currentLine, this.eventNumber);
			return;
		}
		const r = this.reclamation;
		if (r.slowFree || r.graph.active) {
			r.programFree(h, id);
			return;
		}
		if (r.tracking) r.ledger.remove(this.blocks.site[h]!, this.blocks.owner[h]!, this.blocks.request[h]!);
		this.heap.free(h);
		this.ids.delete(id);
	}

	private realloc(id: number, size: number, site: number, owner: number): void {
		const m = this.metrics;
		const h = this.ids.get(id);
		if (h < 0) {
			// realloc(NULL, n) is malloc(n); so is a realloc of a block whose allocation failed.
			if (h === failedId) this.ids.delete(id);
			m.reallocs++;
			m.allocs--;
			this.allocate(id, size, site, owner);
			return;
		}
		m.reallocs++;
		const before = this.blocks.request[h]!;
		if (this.tuner.watching) this.tuner.requested(size);
		const refused = this.partition.resize(id, size);
		if (refused !== undefined) {
			m.failure(size, this.eventNumber, this.currentLine, refused);
			this.events.emit('failure', {event: this.eventNumber, size, line: this.currentLine, reason: refused});
			return;
		}
		this.resizeOrFail(id, h, size, before, this.heap.realloc(h, size));
	}

	/** Finish a resize the heap answered with `result`: account for it, or recover, or fail (the block stays as it was). */
	private resizeOrFail(id: number, h: number, size: number, before: number, result: number): void {
		if (result === none) result = this.reclamation.reallocAfterFailure(h, size);
		if (result === none) {
			this.partition.resize(id, before);
			this.partition.heapFailed(this.blocks.owner[h]!);
			this.metrics.failure(size, this.eventNumber, this.currentLine);
			this.events.emit('failure', {event: this.eventNumber, size, line: this.currentLine});
			return;
		}
		this.resized(h, before);
	}

	private resized(h: number, before: number): void {
		this.reclamation.reallocated(h, before);
		this.blocks.lastTouch[h] = this.time;
		this.metrics.afterPlacement(this.heap, this.blocks.addr[h]! + this.blocks.size[h]!);
	}
}
