import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {none} from '../../source/engine/blocks.js';
import {type Coalescing} from '../../source/engine/heap.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {strategyNames} from '../../source/engine/strategies/registry.js';
import {type ScriptEvent, ScriptedSource} from '../helpers/scripted-source.js';

/*
 * Headless replays take a lean loop (`replayPlain`) for a/f/r events that only the heap and its counters
 * need to hear of. `--check` always takes the general path, event by event, so a run with and without
 * it must end in the same figures, the same failures and the same block layout.
 */

const scale = Number(process.env.MEMSIM_PROPERTY_RUNS ?? 1);
const names = [...strategyNames(), 'naive-first-fit'];
// Small dense ids (the fast path), plus ids the id table keeps in its Map (huge or fractional).
const id = fc.oneof({arbitrary: fc.integer({min: 0, max: 24}), weight: 8}, fc.constantFrom(2 ** 30, 7.5));
const size = fc.oneof({arbitrary: fc.integer({min: 0, max: 200}), weight: 4}, fc.integer({min: 201, max: 3000}));
const owner = fc.oneof({arbitrary: fc.constant(undefined), weight: 6}, fc.constantFrom('job', 'io'));
const event: fc.Arbitrary<ScriptEvent> = fc.oneof(
	{arbitrary: fc.tuple(id, size, fc.constantFrom('parse', 'cache'), owner).map(([i, s, site, o]) => ['a', i, s, site, o] as const), weight: 5},
	{arbitrary: id.map(i => ['f', i] as const), weight: 3},
	{arbitrary: fc.tuple(id, size).map(([i, s]) => ['r', i, s] as const), weight: 2},
);

interface Outcome {
	summary: Record<string, unknown>;
	failures: number;
	/** Every block in address order: address, size, flags, and for used blocks id, birth event and last touch. */
	layout: number[][];
	/** Per site: live bytes, live blocks and window floor as the leak detectors' ledger has them, allocations; per owner: live blocks, allocations. */
	sites: number[][];
}

function replay(script: readonly ScriptEvent[], params: SimulationParams): Outcome {
	const sim = new Simulation(new ScriptedSource(script), {params, batchSize: 16, initialBlocks: 8});
	let failures = 0;
	sim.events.on('failure', () => failures++);
	while (sim.stepSync(7) > 0);
	const {eventsPerSec: _, ...summary} = sim.summary();
	const b = sim.blocks;
	const layout: number[][] = [];
	for (let h = sim.heap.first; h !== none; h = b.next[h]!) {
		const place = [b.addr[h]!, b.size[h]!, b.flags[h]!];
		layout.push(b.isFree(h) ? place : [...place, b.extId[h]!, b.born[h]!, b.lastTouch[h]!]);
	}
	const ledger = sim.reclamation.ledger;
	const sites = [...Array(4).keys()].map(site => [
		ledger.liveBytes[site]!,
		ledger.liveBlocks[site]!,
		ledger.floorBytes[site]!,
		sim.siteStats.siteAllocs[site]!,
		ledger.ownerBlocks[site]!,
		sim.siteStats.ownerAllocs[site]!,
	]);
	return {summary, failures, layout, sites};
}

describe('the plain replay loop', () => {
	it('ends every run exactly where the general path (--check) ends it', () => {
		fc.assert(
			fc.property(
				fc.array(event, {maxLength: 150 * Math.min(scale, 4)}),
				fc.constantFrom(...names),
				fc.constantFrom<number | 'grow'>(4096, 16_384, 'grow'),
				fc.constantFrom<Coalescing>('immediate', 'deferred', 'none'),
				fc.boolean(),
				fc.integer({min: 1, max: 40}),
				(script, strategy, capacity, coalescing, leaks, every) => {
					const params: SimulationParams = {
						...defaultParams,
						strategy,
						capacity,
						coalescing,
						leaks,
						// Small periods put sampling and leak checks in the middle of plain runs.
						sampleEvery: every,
						leakCheckEvery: every * 3,
						leakGrace: 5,
					};
					const plain = replay(script, params);
					const general = replay(script, {...params, check: true});
					expect(plain).toEqual(general);
				},
			),
			{numRuns: 150 * scale},
		);
	});

	it('counts failures, invalid frees and duplicate allocations as the general path does', () => {
		const script: ScriptEvent[] = [
			['a', 1, 3000],
			['a', 2, 3000],
			['a', 1, 16],
			['f', 9],
			['r', 2, 100],
			['a', 3, 900],
			['r', 3, 5000],
			['f', 2],
			['f', 2],
			['r', 4, 64],
		];
		const params = {...defaultParams, strategy: 'best-fit', capacity: 4096};
		const plain = replay(script, params);
		expect(plain).toEqual(replay(script, {...params, check: true}));
		expect(plain.summary).toMatchObject({allocs: 4, frees: 3, reallocs: 3, failures: 2, invalidFrees: 2, liveBlocks: 3});
		expect(plain.failures).toBe(2);
	});
});
