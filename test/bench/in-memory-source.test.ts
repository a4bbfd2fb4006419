import {describe, expect, it} from 'vitest';
import {InMemorySource} from '../../source/bench/in-memory-source.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {openTrace} from '../../source/workloads/open-trace.js';

const trace = 'fixtures/traces/ninja.valgrind';

function summaryOf(sim: Simulation): Record<string, unknown> {
	const {eventsPerSec: _, ...rest} = sim.summary();
	return rest;
}

describe('a trace loaded into memory', () => {
	it('is replayed in place, with the same result as a replay that copies it batch by batch', async () => {
		const source = await InMemorySource.load(await openTrace(trace));
		const params = {...defaultParams, capacity: 'grow' as const, strategy: 'best-fit'};
		const inPlace = new Simulation(source.rewind(), {params});
		while (inPlace.stepSync(1 << 16) > 0);
		// A batch size of its own makes the simulation copy events out of the source, 64 at a time.
		const copied = new Simulation(source.rewind(), {params, batchSize: 64});
		while (copied.stepSync(1 << 16) > 0);
		expect(inPlace.finished).toBe(true);
		expect(inPlace.metrics.ended).toBe(true);
		expect(inPlace.eventNumber).toBe(source.length);
		expect(summaryOf(inPlace)).toEqual(summaryOf(copied));
		expect(summaryOf(inPlace)).toMatchObject({events: 506, liveBytes: copied.heap.payloadBytes});
	});

	it('is left untouched by a replay, so every rewind replays the same events', async () => {
		const source = await InMemorySource.load(await openTrace(trace));
		const before = [...source.batch.op.subarray(0, source.length)].join();
		const params = {...defaultParams, capacity: 'grow' as const, strategy: 'tlsf'};
		const results = [1, 2, 3].map(() => {
			const sim = new Simulation(source.rewind(), {params});
			while (sim.stepSync(100) > 0);
			return summaryOf(sim);
		});
		expect(results[1]).toEqual(results[0]);
		expect(results[2]).toEqual(results[0]);
		expect(source.batch.length).toBe(506);
		expect([...source.batch.op.subarray(0, source.length)].join()).toBe(before);
	});
});
