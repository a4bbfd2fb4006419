import {describe, expect, it} from 'vitest';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {findGenerator} from '../../source/workloads/generators/registry.js';
import {ScriptSource} from './gc-workload.js';

const params = {...defaultParams, capacity: 'grow' as const, strategy: 'first-fit'};

function simulation(events: number | undefined): Simulation {
	return new Simulation(findGenerator('fragmenter')!.create({seed: 3, events}), {params});
}

describe("the engine's tables", () => {
	it('start at 64k rows for a workload of unknown length', () => {
		expect(simulation(undefined).blocks.capacity).toBe(65536);
	});

	it('start at the size of a workload that gives its length, from 1024 rows up to 64k', () => {
		expect(simulation(27).blocks.capacity).toBe(1024);
		expect(simulation(5000).blocks.capacity).toBe(8192);
		expect(simulation(10_000_000).blocks.capacity).toBe(65536);
	});

	it('grow past their start when the live blocks outnumber it, with the heap intact', () => {
		// 3000 blocks kept live: three times the rows the table starts with.
		const lines = Array.from({length: 3000}, (_, i) => `a ${i} ${16 + (i % 7) * 8}`);
		for (let i = 0; i < 3000; i += 3) lines.push(`f ${i}`);
		const sim = new Simulation(new ScriptSource(lines.join('\n'), false), {params, initialBlocks: 1024});
		expect(sim.blocks.capacity).toBe(1024);
		while (sim.stepSync(256) > 0) expect(checkHeapInvariants(sim.heap)).toBeUndefined();
		expect(sim.blocks.capacity).toBe(4096);
		expect(sim.heap.usedBlocks).toBe(2000);
		expect(sim.summary().liveBytes).toBe(sim.heap.payloadBytes);
	});
});
