import {startAsDoubles} from './double-fields.js';
import type {Heap} from './heap.js';
import type {Simulation} from './simulation.js';

export interface FailedRequest {
	readonly event: number;
	readonly line: number;
	readonly size: number;
	/** Why, when a budget refused it rather than the heap (Flink's "Could not allocate N pages"). */
	readonly reason?: string;
}

export interface Anomaly {
	count: number;
	firstLine: number;
	firstEvent: number;
}

/** How many failed requests the summary lists one by one (the count covers all). */
const failureListLimit = 20;

/**
 * Counters kept as events happen, and the definitions of the derived figures. The heap keeps live and
 * free totals itself; what needs history (peaks, maxima) is here. `externalFragmentation` is exact at
 * every sample; its maximum is taken over samples every `sampleEvery` events, at every failure and at
 * the end, because the largest free block is not free to know after every event.
 */
export class Metrics {
	allocs = 0;
	frees = 0;
	reallocs = 0;
	failures = 0;
	failedBytes = 0;
	invalidFrees = 0;
	/** ref/unref/root/unroot/touch/tick/task events seen. */
	graphEvents = 0;
	peakLiveBytes = 0;
	peakLiveBlocks = 0;
	/** Highest address any used block has reached. */
	highWaterBytes = 0;
	maxExternalFragmentation = 0;
	simulationMs = 0;
	ended = false;
	readonly failedRequests: FailedRequest[] = [];
	readonly anomalies = new Map<string, Anomaly>();

	constructor() {
		startAsDoubles(this, ['failedBytes', 'peakLiveBytes', 'highWaterBytes', 'maxExternalFragmentation', 'simulationMs']);
	}

	afterPlacement(heap: Heap, end: number): void {
		if (end > this.highWaterBytes) this.highWaterBytes = end;
		if (heap.payloadBytes > this.peakLiveBytes) this.peakLiveBytes = heap.payloadBytes;
		if (heap.usedBlocks > this.peakLiveBlocks) this.peakLiveBlocks = heap.usedBlocks;
	}

	failure(size: number, event: number, line: number, reason?: string): void {
		this.failures++;
		this.failedBytes += size;
		if (this.failedRequests.length < failureListLimit) this.failedRequests.push(reason === undefined ? {event, line, size} : {event, line, size, reason});
	}

	anomaly(kind: string, line: number, event: number): void {
		const known = this.anomalies.get(kind);
		if (known) known.count++;
		else this.anomalies.set(kind, {count: 1, firstLine: line, firstEvent: event});
	}

	/** Take the sampled figures now. */
	sample(heap: Heap): void {
		const fragmentation = externalFragmentation(heap);
		if (fragmentation > this.maxExternalFragmentation) this.maxExternalFragmentation = fragmentation;
	}

	eventsPerSec(events: number): number {
		return this.simulationMs > 0 ? Math.round((events / this.simulationMs) * 1000) : 0;
	}

	summary(sim: Simulation) {
		const heap = sim.heap;
		const largestFreeBytes = heap.largestFree();
		return {
			workload: sim.source.name,
			strategy: sim.params.strategy,
			heapCapacity: sim.params.capacity,
			events: sim.eventNumber,
			allocs: this.allocs,
			frees: this.frees,
			reallocs: this.reallocs,
			failures: this.failures,
			failedBytes: this.failedBytes,
			failedRequests: this.failedRequests,
			invalidFrees: this.invalidFrees,
			liveBytes: heap.payloadBytes,
			liveBlocks: heap.usedBlocks,
			peakLiveBytes: this.peakLiveBytes,
			peakLiveBlocks: this.peakLiveBlocks,
			highWaterBytes: this.highWaterBytes,
			heapBytes: heap.top,
			peakUtilization: peakUtilization(this.peakLiveBytes, this.highWaterBytes),
			internalFragmentationBytes: heap.usedBlockBytes - heap.payloadBytes,
			externalFragmentation: externalFragmentation(heap),
			maxExternalFragmentation: this.maxExternalFragmentation,
			freeBlocks: heap.freeBlocks,
			freeBytes: heap.freeBytes,
			largestFreeBytes,
			eventsPerSec: this.eventsPerSec(sim.eventNumber),
			anomalies: Object.fromEntries(this.anomalies),
			// collector, reclaim, gc, leaks, repairs, lazyQueueBytes, lazyQueueBlocks
			...sim.reclamation.summary(),
			// Usage, failures and stranded quota per owner (`--partition`), and the tuner's decisions.
			owners: sim.partition.rows(),
			partition: sim.partition.summary(),
			tuner: sim.tuner.summary(),
		};
	}
}

export type Summary = ReturnType<Metrics['summary']>;

/** malloc-lab's space score: the peak of live payload over the heap's final high-water mark. */
export function peakUtilization(peakLiveBytes: number, highWaterBytes: number): number {
	return highWaterBytes > 0 ? peakLiveBytes / highWaterBytes : 0;
}

/** 1 - largest free block / total free bytes; 0 when there is no free space. */
export function externalFragmentation(heap: Heap): number {
	if (heap.freeBytes <= 0) return 0;
	return 1 - heap.largestFree() / heap.freeBytes;
}
