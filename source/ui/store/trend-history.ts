import {externalFragmentation} from '../../engine/metrics.js';
import type {Simulation} from '../../engine/simulation.js';
import {RingBuffer} from './ring-buffer.js';
import type {TrendsSlice} from './snapshot.js';

/** The Trends pane's history: live bytes, utilization and external fragmentation, sampled by time. */
export class TrendHistory {
	private readonly live: RingBuffer;
	private readonly utilization: RingBuffer;
	private readonly fragmentation: RingBuffer;
	private lastSample = Number.NEGATIVE_INFINITY;
	private current: TrendsSlice | undefined;

	constructor(
		private readonly sim: Simulation,
		capacity: number,
		private readonly everyMs: number,
	) {
		this.live = new RingBuffer(capacity);
		this.utilization = new RingBuffer(capacity);
		this.fragmentation = new RingBuffer(capacity);
	}

	/** Take a sample when `everyMs` have passed (or `force`); the slice changes only when one was taken. */
	slice(now: number, running: boolean, force = false): TrendsSlice {
		if (force || (running && now - this.lastSample >= this.everyMs) || !this.current) {
			const heap = this.sim.heap;
			const highWater = this.sim.metrics.highWaterBytes;
			this.live.push(heap.payloadBytes);
			this.utilization.push(highWater > 0 ? heap.payloadBytes / highWater : 0);
			this.fragmentation.push(externalFragmentation(heap));
			this.lastSample = now;
			this.current = {
				live: this.live.toArray(),
				utilization: this.utilization.toArray(),
				fragmentation: this.fragmentation.toArray(),
				peakLive: this.sim.metrics.peakLiveBytes,
			};
		}
		return this.current;
	}
}
