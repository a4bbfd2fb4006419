import {describe, expect, it} from 'vitest';
import {EventBatch} from '../../source/engine/events.js';
import {generators, findGenerator} from '../../source/workloads/generators/registry.js';
import type {GeneratorSource} from '../../source/workloads/generators/generator-source.js';
import {TaskLeakWorkload} from '../../source/workloads/generators/task-leak.js';
import {plainEvents, readEvents, type PlainEvent} from './read-events.js';

function take(name: string, seed: number, count: number): PlainEvent[] {
	const source = findGenerator(name)!.create({seed});
	const batch = new EventBatch(count);
	source.readSync(batch);
	return plainEvents(batch, source);
}

/**
 * Replays events with the rules a well-formed program keeps, returning live blocks per site. Plain
 * throws rather than `expect` per event: hundreds of thousands of events are checked.
 */
function replay(events: readonly PlainEvent[]): Map<string, number> {
	const live = new Map<number, string>();
	const roots = new Set<number>();
	const activeTasks = new Set<string>();
	const check = (ok: boolean, e: PlainEvent, why: string): void => {
		if (!ok) throw new Error(`${e.op} ${e.id} ${e.arg} ${e.owner}: ${why}`);
	};
	for (const e of events) {
		switch (e.op) {
			case 'a':
				check(!live.has(e.id), e, 'allocated twice');
				live.set(e.id, e.site);
				break;
			case 'f':
				check(live.delete(e.id), e, 'freed while not live');
				check(!roots.has(e.id), e, 'freed while rooted');
				break;
			case 'ref':
			case 'unref':
				check(live.has(e.id) && live.has(e.arg), e, 'not between live blocks');
				break;
			case 'root':
				roots.add(e.id);
				break;
			case 'unroot':
				check(roots.delete(e.id), e, 'not a root');
				break;
			case 'touch':
				check(live.has(e.id), e, 'touched while not live');
				break;
			case 'task-start':
				check(!activeTasks.has(e.owner), e, 'started twice');
				activeTasks.add(e.owner);
				break;
			case 'task-end':
				check(activeTasks.delete(e.owner), e, 'ended while not started');
				break;
			default:
		}
	}
	const perSite = new Map<string, number>();
	for (const site of live.values()) perSite.set(site, (perSite.get(site) ?? 0) + 1);
	return perSite;
}

function liveBlocks(perSite: Map<string, number>, except: readonly string[] = []): number {
	let total = 0;
	for (const [site, count] of perSite) if (!except.includes(site)) total += count;
	return total;
}

const graphWorkloads = ['tree-churn', 'cache-eviction', 'listener-leak', 'lost-buffers', 'task-leak'];

describe('synthetic workloads', () => {
	it('registers the nine required generators with a one-line description each', () => {
		const required = [
			'uniform', 'phased', 'fragmenter', 'leaky',
			'tree-churn', 'cache-eviction', 'listener-leak', 'lost-buffers', 'task-leak',
		];
		expect(generators.map((entry) => entry.name)).toEqual(expect.arrayContaining(required));
		for (const entry of generators) expect(entry.description).toMatch(/^[^\n]{10,120}$/);
	});

	it.each(generators.map((entry) => entry.name))('%s: the same seed gives the same events, whatever the batch size', async (name) => {
		const entry = findGenerator(name)!;
		const whole = take(name, 42, 5000);
		const endless = entry.create({seed: 42});
		const pieces: PlainEvent[] = [];
		const batch = new EventBatch(97);
		while (pieces.length < 5000) {
			batch.clear();
			endless.readSync(batch);
			pieces.push(...plainEvents(batch, endless));
		}
		expect(pieces.slice(0, 5000)).toEqual(whole);
		expect(take(name, 43, 5000)).not.toEqual(whole);
		// A bounded run too (a bounded job may plan its end by its length, so it is compared with itself).
		const bounded = await readEvents(entry.create({seed: 42, events: 5000}), 5000);
		expect(await readEvents(entry.create({seed: 42, events: 5000}), 97)).toEqual(bounded);
	});

	it.each(generators.map((entry) => entry.name))('%s: stops after exactly `events` events', async (name) => {
		const source = findGenerator(name)!.create({seed: 1, events: 1234});
		expect((await readEvents(source, 100)).length).toBe(1234);
		const batch = new EventBatch(10);
		expect(source.readSync(batch)).toBe(0);
	});

	it.each(generators.map((entry) => entry.name))('%s: is endless without `events`, and well formed', (name) => {
		const source: GeneratorSource = findGenerator(name)!.create({seed: 7});
		expect(source.name).toBe(name);
		expect(source.hasGraph).toBe(graphWorkloads.includes(name));
		const batch = new EventBatch(8192);
		const events: PlainEvent[] = [];
		for (let i = 0; i < 25; i++) {
			batch.clear();
			expect(source.readSync(batch)).toBe(8192);
			events.push(...plainEvents(batch, source));
		}
		expect(events.every((e) => e.line === 0)).toBe(true);
		replay(events);
	});

	it.each(['uniform', 'phased', 'fragmenter', 'tree-churn', 'cache-eviction'])('%s: healthy, keeps its live set bounded', (name) => {
		const source = findGenerator(name)!.create({seed: 3});
		expect(source.leakingSites).toEqual([]);
		const early = liveBlocks(replay(take(name, 3, 50_000)));
		const late = liveBlocks(replay(take(name, 3, 200_000)));
		expect(late).toBeLessThan(Math.max(2 * early, 2000));
	});

	it.each([
		['leaky', 'metrics.label'],
		['listener-leak', 'listener.register'],
		['lost-buffers', 'frame.decode'],
		['task-leak', 'import.batch'],
	])('%s: leaks slowly at %s and nowhere else', (name, site) => {
		const source = findGenerator(name)!.create({seed: 5});
		expect(source.leakingSites).toEqual([site]);
		const early = replay(take(name, 5, 50_000));
		const late = replay(take(name, 5, 200_000));
		// The leak grows with time...
		expect(late.get(site)!).toBeGreaterThan(2 * early.get(site)!);
		// ...but slowly: a small share of what the program allocates.
		expect(late.get(site)!).toBeLessThan(200_000 * 0.05);
		// Everything else stays bounded.
		expect(liveBlocks(late, [site])).toBeLessThan(Math.max(2 * liveBlocks(early, [site]), 2000));
	});

	it('task-leak: the import task ends while still owning blocks, the others end clean', () => {
		expect(new TaskLeakWorkload({seed: 1}).leakingOwners).toEqual(['import']);
		const events = take('task-leak', 9, 50_000);
		const ownerOf = new Map<number, string>();
		const endedHolding = new Set<string>();
		for (const e of events) {
			if (e.op === 'a' && e.owner !== '') ownerOf.set(e.id, e.owner);
			if (e.op === 'f') ownerOf.delete(e.id);
			if (e.op === 'task-end') for (const owner of ownerOf.values()) if (owner === e.owner) endedHolding.add(owner);
		}
		expect([...endedHolding]).toEqual(['import']);
	});

	it('cache-eviction: holds steady at its capacity of 256 entries', () => {
		const perSite = replay(take('cache-eviction', 11, 100_000));
		expect(perSite.get('cache.put')).toBe(256);
		expect(perSite.get('cache.value')).toBe(256);
	});
});
