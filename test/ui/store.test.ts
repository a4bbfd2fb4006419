import {describe, expect, it, vi} from 'vitest';
import {EventBatch, Op} from '../../source/engine/events.js';
import {Interner} from '../../source/engine/interner.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import type {WorkloadSource} from '../../source/engine/workload-source.js';
import {DashboardStore} from '../../source/ui/store/dashboard-store.js';
import {HostPoller} from '../../source/ui/store/host-poller.js';
import {RingBuffer} from '../../source/ui/store/ring-buffer.js';
import {defaultSpeed, maxSpeed, speedSteps} from '../../source/ui/store/speed.js';
import {tick} from '../helpers/render-ink.js';
import {workloadSimulation} from '../helpers/dashboard.js';

function storeOn(sim: Simulation, clock = {now: 0}) {
	return {store: new DashboardStore(sim, {now: () => clock.now, readHost: null}), clock};
}

/** A trace-like source: events only through the asynchronous `read`, a batch at a time. */
class AsyncSource implements WorkloadSource {
	readonly name = 'async-trace';
	readonly hasGraph = false;
	readonly sites = new Interner();
	readonly owners = new Interner();
	reads = 0;
	private next = 0;
	constructor(private readonly total: number) {}
	async read(batch: EventBatch): Promise<number> {
		this.reads++;
		await tick(1);
		const before = batch.length;
		while (batch.length < Math.min(batch.capacity, 100) && this.next < this.total) batch.push(Op.alloc, this.next++, 32);
		return batch.length - before;
	}
	async close(): Promise<void> {}
}

describe('dashboard store', () => {
	it('applies the pace in events per frame and publishes once per frame', async () => {
		const {store, clock} = storeOn(workloadSimulation());
		const listener = vi.fn();
		store.subscribe(listener);
		clock.now += 34;
		store.tick();
		expect(store.sim.eventNumber).toBe(speedSteps[defaultSpeed]);
		expect(listener).toHaveBeenCalledTimes(1);
		expect(store.getSnapshot().header.events).toBe(speedSteps[defaultSpeed]);
	});

	it('stops stepping at the frame deadline when running flat out', () => {
		const sim = workloadSimulation('leaky', 10_000_000);
		const clock = {now: 0};
		// A clock that moves a millisecond every time it is read: the deadline comes after a few chunks.
		const store = new DashboardStore(sim, {now: () => ++clock.now, readHost: null});
		for (let i = 0; i < maxSpeed; i++) store.faster();
		store.tick();
		expect(sim.eventNumber).toBeGreaterThan(0);
		expect(sim.eventNumber).toBeLessThan(100_000);
	});

	it('batches engine events: three changes between frames are three log entries in one snapshot', async () => {
		const {store, clock} = storeOn(workloadSimulation());
		store.tick();
		const listener = vi.fn();
		store.subscribe(listener);
		store.sim.apply({key: 'strategy', value: 'best-fit'});
		store.sim.apply({key: 'strategy', value: 'first-fit'});
		store.sim.apply({key: 'coalescing', value: 'deferred'});
		expect(listener).not.toHaveBeenCalled();
		clock.now += 34;
		store.tick();
		expect(listener).toHaveBeenCalledTimes(1);
		const texts = store.getSnapshot().events.entries.map(entry => entry.text);
		expect(texts.slice(-3)).toEqual(['strategy tlsf -> best-fit', 'strategy best-fit -> first-fit', 'coalescing immediate -> deferred']);
	});

	it('keeps unchanged slices between frames so memoised panes skip them', () => {
		const {store, clock} = storeOn(workloadSimulation());
		clock.now += 34;
		store.tick();
		store.togglePause();
		clock.now += 34;
		store.tick();
		const before = store.getSnapshot();
		clock.now += 34;
		store.invalidate();
		const after = store.getSnapshot();
		expect(after).not.toBe(before);
		for (const key of ['header', 'heap', 'gc', 'leaks', 'trends', 'events', 'host', 'ui'] as const) expect(after[key], key).toBe(before[key]);
	});

	it('samples trends a few times a second while running, not while paused', () => {
		const {store, clock} = storeOn(workloadSimulation());
		for (let i = 0; i < 30; i++) {
			clock.now += 34;
			store.tick();
		}
		const samples = store.getSnapshot().trends.live.length;
		expect(samples).toBeGreaterThanOrEqual(4);
		expect(samples).toBeLessThanOrEqual(6);
		store.togglePause();
		for (let i = 0; i < 30; i++) {
			clock.now += 34;
			store.tick();
		}
		expect(store.getSnapshot().trends.live.length).toBe(samples);
	});

	it('reads a trace source off the frame and reads finished at its end', async () => {
		const source = new AsyncSource(450);
		const sim = new Simulation(source, {params: {...defaultParams}});
		const {store, clock} = storeOn(sim);
		for (let i = 0; i < maxSpeed; i++) store.faster();
		for (let i = 0; i < 50 && !sim.finished; i++) {
			clock.now += 34;
			store.tick();
			await tick(3);
		}
		clock.now += 34;
		store.tick();
		expect(sim.eventNumber).toBe(450);
		expect(store.getSnapshot().header.state).toBe('finished');
		expect(source.reads).toBeGreaterThanOrEqual(5);
	});

	it('measures events per second over wall-clock time', () => {
		const {store, clock} = storeOn(workloadSimulation());
		for (let i = 0; i < 30; i++) {
			clock.now += 1000 / 30;
			store.tick();
		}
		expect(store.getSnapshot().header.eventsPerSec).toBeCloseTo(speedSteps[defaultSpeed]! * 30, -2);
	});

	it('keeps a bounded history', () => {
		const ring = new RingBuffer(3);
		for (const v of [1, 2, 3, 4, 5]) ring.push(v);
		expect(ring.toArray()).toEqual([3, 4, 5]);
		expect(ring.toArray(2)).toEqual([4, 5]);
	});
});

describe('host poller', () => {
	it('polls at most once a second and never two reads at once', async () => {
		vi.useFakeTimers();
		try {
			let inFlight = 0;
			let most = 0;
			let reads = 0;
			const updates: number[] = [];
			const poller = new HostPoller(
				async () => {
					reads++;
					inFlight++;
					most = Math.max(most, inFlight);
					await new Promise(resolve => setTimeout(resolve, 1500));
					inFlight--;
					return {total: 8, used: 4, available: 4, swapTotal: 0, swapUsed: 0};
				},
				host => updates.push(host.total),
				1000,
			);
			poller.start();
			await vi.advanceTimersByTimeAsync(10_000);
			poller.stop();
			expect(most).toBe(1);
			expect(reads).toBeLessThanOrEqual(5);
			expect(updates.length).toBeGreaterThanOrEqual(3);
		} finally {
			vi.useRealTimers();
		}
	});
});
