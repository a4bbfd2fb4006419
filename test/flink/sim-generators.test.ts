import {describe, expect, it} from 'vitest';
import {EventBatch} from '../../source/engine/events.js';
import {parseOwner} from '../../source/flink/sim/job-shape.js';
import type {FlinkJobWorkload} from '../../source/workloads/generators/flink-job.js';
import {findGenerator} from '../../source/workloads/generators/registry.js';
import {plainEvents, readEvents, type PlainEvent} from '../workloads/read-events.js';
import {runFlink} from './sim-script.js';

const flinkWorkloads = ['flink-window', 'flink-window-nottl', 'flink-batch-sort', 'flink-hash-join', 'flink-network'];

function create(name: string, seed: number, events?: number): FlinkJobWorkload {
	return findGenerator(name)!.create({seed, events}) as FlinkJobWorkload;
}

function take(name: string, seed: number, count: number): PlainEvent[] {
	const source = create(name, seed);
	const batch = new EventBatch(count);
	source.readSync(batch);
	return plainEvents(batch, source);
}

/** Checks the events keep a program's rules (frees of live ids, tasks started before they end); returns live ids per site. */
function replay(events: readonly PlainEvent[]): Map<string, number> {
	const live = new Map<number, string>();
	const running = new Set<string>();
	for (const e of events) {
		if (e.op === 'a') {
			if (live.has(e.id)) throw new Error(`id ${e.id} allocated twice`);
			if (!running.has(e.owner)) throw new Error(`${e.owner} allocates outside a task`);
			live.set(e.id, e.site);
		} else if (e.op === 'f') {
			if (!live.delete(e.id)) throw new Error(`id ${e.id} freed while not live`);
		} else if (e.op === 'task-start') {
			if (running.has(e.owner)) throw new Error(`${e.owner} started twice`);
			running.add(e.owner);
		} else if (e.op === 'task-end') {
			if (!running.delete(e.owner)) throw new Error(`${e.owner} ended while not running`);
		}
	}
	const perSite = new Map<string, number>();
	for (const site of live.values()) perSite.set(site, (perSite.get(site) ?? 0) + 1);
	return perSite;
}

describe('Flink-shaped workloads', () => {
	it.each(flinkWorkloads)('%s: the same seed gives the same events, batch size aside, and stops at `events`', async name => {
		const whole = take(name, 42, 5000);
		expect(await readEvents(create(name, 42, 5000), 97)).toEqual(whole);
		expect(take(name, 43, 5000)).not.toEqual(whole);
		const bounded = create(name, 1, 1234);
		expect((await readEvents(bounded, 100)).length).toBe(1234);
	});

	it.each(flinkWorkloads)('%s: is endless without `events`, well formed, owners slot<i>/<task>', name => {
		const events = take(name, 7, 150_000);
		expect(events).toHaveLength(150_000);
		replay(events);
		for (const e of events) if (e.owner !== '') expect(e.owner).toMatch(/^slot0\/[a-z-]+$/);
	});

	it.each(flinkWorkloads)('%s: runs one subtask per slot of the TaskManager it is given', name => {
		const source = create(name, 3);
		source.useTaskManager({slots: 4, pageSize: 32768, operatorPages: () => 1024, useCasePages: () => 1024});
		const batch = new EventBatch(60_000);
		source.readSync(batch);
		const slots = new Set(plainEvents(batch, source).filter(e => e.owner !== '').map(e => parseOwner(e.owner).slot));
		expect([...slots].sort()).toEqual([0, 1, 2, 3]);
	});

	it('flink-window: state rises within each window and is purged when it fires', () => {
		const events = take('flink-window', 5, 60_000);
		const early = replay(events.slice(0, 20_000)).get('window.state') ?? 0;
		const late = replay(events).get('window.state') ?? 0;
		expect(events.filter(e => e.op === 'f').length).toBeGreaterThan(10_000);
		expect(late).toBeLessThan(Math.max(2 * early, 2000));
	});

	it('flink-window-nottl: window.state grows for good', () => {
		expect(create('flink-window-nottl', 1).leakingSites).toEqual(['window.state']);
		const events = take('flink-window-nottl', 5, 200_000);
		expect(events.some(e => e.op === 'f')).toBe(false);
		expect(replay(events).get('window.state')!).toBeGreaterThan(2 * replay(events.slice(0, 50_000)).get('window.state')!);
	});

	it('flink-hash-join: some build sides do not fit and spill before the probe', () => {
		const budget = 64;
		const source = create('flink-hash-join', 2);
		source.useTaskManager({slots: 1, pageSize: 32768, operatorPages: () => budget, useCasePages: () => 0});
		const batch = new EventBatch(100_000);
		source.readSync(batch);
		let built = 0;
		let spilledRuns = 0;
		for (const e of plainEvents(batch, source)) {
			if (e.op === 'a') built += e.arg / 32768;
			if (e.op === 'task-end') {
				if (built > budget) spilledRuns++;
				built = 0;
			}
		}
		expect(spilledRuns).toBeGreaterThan(0);
	});
});

describe('Flink-shaped workloads under --flink', {timeout: 60_000}, () => {
	it('flink-batch-sort: fills its shares, never beyond, and ends with every page released and no alert', async () => {
		const {sim, flink} = await runFlink(create('flink-batch-sort', 1, 200_000));
		const summary = sim.summary();
		expect(summary.failures).toBe(0);
		expect(summary.liveBytes).toBe(0);
		expect(sim.alerts()).toEqual([]);
		const f = flink.memory.summary();
		expect(f.pagesInUse).toBe(0);
		expect(f.peakPagesInUse).toBeGreaterThan(0.9 * f.perSlotPages);
		expect(f.operators).toEqual({
			'sort-orders': {weight: 2, fraction: 0.6666, pagesPerSlot: 10921},
			'sort-lineitems': {weight: 1, fraction: 0.3333, pagesPerSlot: 5460},
		});
	});

	it('flink-batch-sort: the same on a smaller TaskManager of four slots', async () => {
		const {sim, flink} = await runFlink(create('flink-batch-sort', 9, 100_000), {'taskmanager.memory.process.size': '1g'}, 4);
		expect(sim.summary().failures).toBe(0);
		expect(sim.alerts()).toEqual([]);
		expect(flink.memory.pagesInUse).toBe(0);
	});

	it('flink-hash-join: builds, spills, probes and releases without failures or alerts', async () => {
		const {sim, flink} = await runFlink(create('flink-hash-join', 1, 200_000));
		expect(sim.summary().failures).toBe(0);
		expect(sim.alerts()).toEqual([]);
		expect(flink.memory.pagesInUse).toBe(0);
	});

	it('flink-window: healthy, no alert and no failure', async () => {
		const {sim} = await runFlink(create('flink-window', 1, 200_000));
		expect(sim.summary().failures).toBe(0);
		expect(sim.alerts()).toEqual([]);
	});

	it('flink-window-nottl: a growth alert on window.state', async () => {
		const {sim} = await runFlink(create('flink-window-nottl', 1, 200_000));
		expect(sim.alerts().map(alert => [alert.kind, alert.site])).toEqual([['growth', 'window.state']]);
	});

	it('flink-network: the widest jobs fail for want of network buffers, the others deploy', async () => {
		const {sim, flink} = await runFlink(create('flink-network', 1, 100_000));
		const summary = sim.summary();
		expect(summary.failures).toBeGreaterThan(0);
		expect(summary.failures).toBeLessThan(summary.allocs / 2);
		expect(summary.failedRequests[0]!.reason).toMatch(/^Insufficient number of network buffers: required \d+, but only \d+ available\./);
		expect(summary.liveBytes).toBe(0);
		expect(flink.memory.summary().network.ok).toBe(false);
	});
});
