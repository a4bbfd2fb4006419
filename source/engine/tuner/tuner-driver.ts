import type {Change} from '../changes.js';
import {InputError} from '../input-error.js';
import {defaultParams, type SimulationParams} from '../params.js';
import type {PartitionMode} from '../partition/quotas.js';
import {createTuner} from './registry.js';
import type {DecisionRecord, LookCause, Tuner, TunerMode, TunerSignals} from './tuner.js';

/** What the driver reads of the simulation, and the one way it acts: `apply`, as a key press does. */
export interface TunerHost {
	readonly eventNumber: number;
	readonly params: SimulationParams;
	readonly heap: {
		readonly top: number;
		readonly freeBytes: number;
		readonly payloadBytes: number;
		readonly usedBlockBytes: number;
		readonly growable: boolean;
		largestFree(): number;
	};
	readonly metrics: {readonly failures: number; readonly failedBytes: number};
	readonly partition: {readonly mode: PartitionMode; readonly hasQuotas: boolean; readonly quotaFailures: number; readonly strandedFailures: number};
	readonly gcStats: {readonly cycles: number; readonly reclaimedBytes: number};
	apply(change: Change, origin: 'user' | 'scripted'): void;
}

/** How many decisions the summary lists one by one (`decisionCount` counts them all). */
const decisionListLimit = 500;

/**
 * Runs the tuner chosen with `--tuner`, `--change N:tuner=...` or the dashboard's `u`. The simulation
 * calls `requested` per request while `watching`, and `look` after any event where the event number
 * reaches `due`, the heap's top passes `top` or the failure count passes `failures`: three compares
 * per event, and none of that work when the tuner is off.
 */
export class TunerDriver {
	mode: TunerMode = 'off';
	/** Event number of the next epoch look (Infinity: off). */
	due = Number.POSITIVE_INFINITY;
	/** A heap top above this makes a look (reactive tuners only). */
	top = Number.POSITIVE_INFINITY;
	/** A failure count above this makes a look (reactive tuners only). */
	failures = Number.POSITIVE_INFINITY;
	/** Record request sizes (`requested`). */
	watching = false;

	/** Nothing but `due` can call for a look, and no request needs recording (the simulation's lean loop checks `due` itself). */
	get quiet(): boolean {
		return !this.watching && this.top === Number.POSITIVE_INFINITY && this.failures === Number.POSITIVE_INFINITY;
	}
	decisionCount = 0;
	readonly decisions: DecisionRecord[] = [];
	private tuner?: Tuner;
	private sizes = new Map<number, number>();
	private requests = 0;
	private requestBytes = 0;
	private start = {event: 0, top: 0, internal: 0, failures: 0, failedBytes: 0, quotaFailures: 0, strandedFailures: 0, gcCycles: 0, gcReclaimed: 0};

	constructor(private readonly host: TunerHost) {}

	get epoch(): number {
		return this.host.params.tunerEpoch ?? defaultParams.tunerEpoch;
	}

	setMode(mode: TunerMode): void {
		this.mode = mode;
		this.host.params.tuner = mode;
		this.tuner = mode === 'off' ? undefined : createTuner(mode);
		this.watching = this.tuner !== undefined;
		this.resetWindow();
	}

	setEpoch(events: number): void {
		this.host.params.tunerEpoch = events;
		if (this.tuner) this.due = this.start.event + events;
	}

	/** A request of `request` payload bytes, counted at the block size the heap would give it before any power-of-two step. */
	requested(request: number): void {
		const {align, header, minBlock} = this.host.params;
		const blockBytes = Math.max(align, Math.ceil(minBlock / align) * align, Math.ceil((request + header) / align) * align);
		this.requests++;
		this.requestBytes += blockBytes;
		this.sizes.set(blockBytes, (this.sizes.get(blockBytes) ?? 0) + 1);
	}

	/** Called by the simulation after an event that crossed `due`, `top` or `failures`. */
	look(): void {
		const tuner = this.tuner;
		if (!tuner) return;
		const host = this.host;
		const epochEnd = host.eventNumber >= this.due;
		const cause: LookCause = epochEnd ? 'epoch' : host.metrics.failures > this.failures ? 'failed' : 'grew';
		const signals = this.signals(cause);
		for (const decision of tuner.look(signals)) {
			const change: Change = {key: decision.key, value: decision.value, reason: `tuner ${tuner.mode}: ${decision.reason}`};
			try {
				host.apply(change, 'scripted');
			} catch (error) {
				if (error instanceof InputError) continue;
				throw error;
			}
			this.record({event: host.eventNumber, action: decision.value === undefined ? decision.key : `${decision.key}=${decision.value}`, reason: decision.reason});
		}
		if (epochEnd) this.resetWindow();
		else this.rearm();
	}

	summary() {
		return {mode: this.mode, epoch: this.epoch, decisionCount: this.decisionCount, decisions: this.decisions};
	}

	private record(decision: DecisionRecord): void {
		this.decisionCount++;
		if (this.decisions.length < decisionListLimit) this.decisions.push(decision);
	}

	private signals(cause: LookCause): TunerSignals {
		const {heap, metrics, partition, gcStats, params} = this.host;
		const s = this.start;
		const free = heap.freeBytes;
		const largest = heap.largestFree();
		return {
			event: this.host.eventNumber,
			cause,
			epoch: this.epoch,
			windowEvents: this.host.eventNumber - s.event,
			requests: this.requests,
			requestBytes: this.requestBytes,
			sizes: this.sizes,
			failures: metrics.failures - s.failures,
			failedBytes: metrics.failedBytes - s.failedBytes,
			quotaFailures: partition.quotaFailures - s.quotaFailures,
			strandedFailures: partition.strandedFailures - s.strandedFailures,
			grownBytes: heap.top - s.top,
			lastGrowth: cause === 'grew' ? heap.top - this.top : 0,
			internalBytes: heap.usedBlockBytes - heap.payloadBytes - s.internal,
			gcCycles: gcStats.cycles - s.gcCycles,
			gcReclaimedBytes: gcStats.reclaimedBytes - s.gcReclaimed,
			heapBytes: heap.top,
			freeBytes: free,
			largestFreeBytes: largest,
			payloadBytes: heap.payloadBytes,
			externalFragmentation: free > 0 ? 1 - largest / free : 0,
			growable: heap.growable,
			strategy: params.strategy,
			collector: params.collector,
			reclaim: params.reclaim,
			gcTrigger: params.gcTrigger,
			partition: partition.mode,
			hasQuotas: partition.hasQuotas,
		};
	}

	private resetWindow(): void {
		const {heap, metrics, partition, gcStats, eventNumber} = this.host;
		this.start = {
			event: eventNumber,
			top: heap.top,
			internal: heap.usedBlockBytes - heap.payloadBytes,
			failures: metrics.failures,
			failedBytes: metrics.failedBytes,
			quotaFailures: partition.quotaFailures,
			strandedFailures: partition.strandedFailures,
			gcCycles: gcStats.cycles,
			gcReclaimed: gcStats.reclaimedBytes,
		};
		this.sizes = new Map();
		this.requests = 0;
		this.requestBytes = 0;
		this.due = this.tuner ? eventNumber + this.epoch : Number.POSITIVE_INFINITY;
		this.rearm();
	}

	private rearm(): void {
		const reactive = this.tuner?.reactive === true;
		this.top = reactive ? this.host.heap.top : Number.POSITIVE_INFINITY;
		this.failures = reactive ? this.host.metrics.failures : Number.POSITIVE_INFINITY;
	}
}
