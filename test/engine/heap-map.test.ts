import {describe, expect, it} from 'vitest';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {findGenerator} from '../../source/workloads/generators/registry.js';

function run(workload: string, strategy: string, trackFromStart: boolean, events: number): Simulation {
	const source = findGenerator(workload)!.create({seed: 7, events});
	const sim = new Simulation(source, {params: {...defaultParams, capacity: 'grow', strategy}, mapCells: 256});
	if (trackFromStart) sim.heap.map.track();
	while (sim.stepSync(4096) > 0);
	return sim;
}

describe('the heap map', () => {
	it('is not kept while nobody reads it (a headless run)', () => {
		const sim = run('fragmenter', 'first-fit', false, 5000);
		expect(sim.heap.map.tracking).toBe(false);
	});

	it.each([
		['fragmenter', 'first-fit'],
		['leaky', 'tlsf'],
		['phased', 'buddy'],
	])('read first at the end of a %s run under %s equals the map kept from the start', (workload, strategy) => {
		const kept = run(workload, strategy, true, 20_000);
		const late = run(workload, strategy, false, 20_000);
		expect(late.heap.map.cellBytes).toBe(kept.heap.map.cellBytes);
		expect([...late.heap.map.used]).toEqual([...kept.heap.map.used]);
		expect([...late.heap.map.leaked]).toEqual([...kept.heap.map.leaked]);
		expect(late.heap.map.tracking).toBe(true);
		const usedBytes = kept.heap.map.used.reduce((sum, bytes) => sum + bytes, 0);
		expect(usedBytes).toBe(kept.heap.usedBlockBytes);
	});
});
