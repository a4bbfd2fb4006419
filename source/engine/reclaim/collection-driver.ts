import {none} from '../blocks.js';
import type {Collector, CollectorContext} from '../collectors/collector.js';
import {modeledPauseMs} from '../collectors/cost-model.js';
import {GcStats, type CycleRecord} from '../collectors/gc-stats.js';
import {clearMoved} from '../collectors/layout.js';
import {findCollector} from '../collectors/registry.js';
import type {Heap} from '../heap.js';
import type {SimulationParams} from '../params.js';
import type {Emitter, SimulationEventMap} from '../simulation-events.js';

export interface DriverHost {
	readonly heap: Heap;
	readonly params: SimulationParams;
	readonly events: Emitter<SimulationEventMap>;
	readonly eventNumber: number;
}

/**
 * Runs the collector: picks it, starts cycles (on allocation failure, at the occupancy trigger, on
 * demand), times them with the clock the simulation was given, prices them with the cost model,
 * and keeps the totals the dashboard and `--json` show.
 */
export class CollectionDriver {
	readonly stats = new GcStats();
	collector: Collector;
	/** Used block bytes at which the next occupancy-triggered cycle starts (Infinity: off). */
	triggerBytes = Number.POSITIVE_INFINITY;

	constructor(
		private readonly host: DriverHost,
		private readonly context: CollectorContext,
		private readonly now: () => number,
		/** Called before every cycle (the lazy queue is emptied so no queued block is traced or swept). */
		private readonly beforeCycle: () => void,
	) {
		this.collector = findCollector(host.params.collector).create(context);
		this.collector.attach();
		this.updateTrigger();
	}

	get active(): boolean {
		return this.collector.name !== 'none';
	}

	/** Switch collectors mid-run; when the new one cannot take the heap, the old one stays. */
	switchTo(name: string): void {
		const next = findCollector(name).create(this.context);
		const previous = this.collector;
		previous.detach();
		try {
			next.attach();
		} catch (error) {
			previous.attach();
			throw error;
		}
		this.collector = next;
		this.host.params.collector = next.name;
		this.updateTrigger();
	}

	/**
	 * Collect: a minor cycle for a generational collector unless `full`, followed at once by a major
	 * one when the old generation asks for it. `pin` is held as a root meanwhile: the block the
	 * program is allocating or reallocating right now, which no reference reaches yet.
	 */
	collect(full: boolean, pin = none): CycleRecord[] {
		if (!this.active) return [];
		this.beforeCycle();
		const graph = this.context.graph;
		const pinned = pin !== none && graph.isProgramBlock(pin);
		if (pinned) graph.addRoot(pin);
		const records = [this.cycle(full)];
		if (!full && records[0]!.kind === 'minor' && this.collector.wantsFullCycle?.()) records.push(this.cycle(true));
		if (pinned) graph.removeRoot(pin);
		this.updateTrigger();
		return records;
	}

	/** Slide blocks down now, whatever the collector (reclaims nothing); returns bytes moved. */
	compact(): number {
		this.beforeCycle();
		clearMoved(this.host.heap);
		return this.collector.compact();
	}

	/**
	 * The occupancy threshold in bytes. After a cycle that leaves the heap above it, the next one
	 * waits until half of the remaining room is used: otherwise every allocation would collect.
	 */
	updateTrigger(): void {
		const percent = this.host.params.gcTrigger;
		if (!this.active || percent <= 0) {
			this.triggerBytes = Number.POSITIVE_INFINITY;
			return;
		}
		const usable = this.collector.usableBytes();
		const base = (usable * percent) / 100;
		const used = this.host.heap.usedBlockBytes;
		this.triggerBytes = used >= base ? used + (usable - used) / 2 : base;
	}

	private cycle(full: boolean): CycleRecord {
		const heap = this.host.heap;
		const params = this.host.params;
		clearMoved(heap);
		const before = heap.payloadBytes;
		const started = this.now();
		const outcome = this.collector.collect(full);
		const wallMs = this.now() - started;
		const record: CycleRecord = {
			event: this.host.eventNumber,
			kind: outcome.kind,
			collector: this.collector.name,
			beforeLiveBytes: before,
			afterLiveBytes: heap.payloadBytes,
			reclaimedBytes: outcome.reclaimedBytes,
			reclaimedBlocks: outcome.reclaimedBlocks,
			movedBytes: outcome.movedBytes,
			markedObjects: outcome.markedObjects,
			pauseModeledMs: modeledPauseMs({markNs: params.gcCostMark, moveNsPerByte: params.gcCostMove, sweepNs: params.gcCostSweep}, outcome),
			wallMs,
		};
		this.stats.add(record);
		this.host.events.emit('gc', record);
		return record;
	}
}
