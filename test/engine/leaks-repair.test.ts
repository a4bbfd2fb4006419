import {describe, expect, it} from 'vitest';
import type {RepairRecord} from '../../source/engine/leaks/repair-log.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {ScriptSource} from './gc-workload.js';

const atEnd: Partial<SimulationParams> = {leakCheckEvery: 1_000_000, leakGrace: 2};

function run(script: string, params: Partial<SimulationParams>, hasGraph = true): {sim: Simulation; repairs: RepairRecord[]} {
	const sim = new Simulation(new ScriptSource(script, hasGraph), {params: {...defaultParams, ...atEnd, ...params}});
	const repairs: RepairRecord[] = [];
	sim.events.on('repair', record => repairs.push(record));
	while (!sim.finished) sim.stepSync(1000);
	return {sim, repairs};
}

const lostBlocks = 'a 1 64 app\nroot 1\na 2 100 lost.site\na 3 50 lost.child\nref 2 3\na 4 100 lost.site\ntick 1\ntick 1\ntick 1\ntick 1';

describe('repair auto', () => {
	it('frees unreachable blocks as they are found and logs each site with the bytes reclaimed', () => {
		const {sim, repairs} = run(lostBlocks, {repair: 'auto'});
		expect(repairs).toEqual([
			{event: 10, kind: 'unreachable', site: 'lost.site', bytes: 200, blocks: 2, description: 'repair unreachable lost.site: freed 2 blocks, 200 bytes (auto: unreachable)'},
			{event: 10, kind: 'unreachable', site: 'lost.child', bytes: 50, blocks: 1, description: 'repair unreachable lost.child: freed 1 block, 50 bytes (auto: unreachable)'},
		]);
		const summary = sim.summary();
		expect([summary.liveBytes, summary.repairs]).toEqual([64, {count: 2, bytes: 250, blocks: 3}]);
		expect(summary.leaks.map(l => [l.kind, l.site, l.bytes])).toEqual([
			['unreachable', 'lost.site', 200],
			['unreachable', 'lost.child', 50],
		]);
	});

	it('releases an ended owner\'s blocks, as Flink\'s MemoryManager does', () => {
		const {sim, repairs} = run('task t start\na 1 64 s1 t\na 2 16 s3 other\ntask t end', {repair: 'auto'}, false);
		expect(repairs.map(r => [r.kind, r.site, r.bytes, r.blocks])).toEqual([['owner-end', 's1', 64, 1]]);
		expect(sim.summary().liveBytes).toBe(16);
	});

	it('never frees stale blocks: the program may still use them', () => {
		const {sim, repairs} = run('a 1 64 bus\nroot 1\na 2 32 listener\nref 1 2\ntick 1000\ntouch 1', {repair: 'auto', staleAfter: 500});
		expect(sim.alerts().map(a => a.kind)).toEqual(['stale']);
		expect([repairs.length, sim.summary().liveBytes]).toEqual([0, 96]);
	});

	it('keeps the program\'s later free of a repaired block quiet', () => {
		const sim = new Simulation(new ScriptSource(`${lostBlocks}\nf 2\nf 4`), {params: {...defaultParams, ...atEnd, repair: 'auto'}});
		while (sim.eventNumber < 10) sim.stepSync(10 - sim.eventNumber);
		sim.reclamation.watch.checkReachability();
		while (!sim.finished) sim.stepSync(10);
		expect([sim.summary().invalidFrees, sim.summary().anomalies]).toEqual([0, {}]);
	});
});

describe('repair-now', () => {
	it('frees stale blocks too, on the user\'s word', () => {
		const sim = new Simulation(new ScriptSource('a 1 64 bus\nroot 1\na 2 32 listener\nref 1 2\ntick 1000\ntouch 1'), {params: {...defaultParams, ...atEnd, staleAfter: 500}});
		const descriptions: string[] = [];
		sim.events.on('change', change => descriptions.push(change.description));
		while (!sim.finished) sim.stepSync(100);
		sim.apply({key: 'repair-now'});
		expect(descriptions).toEqual(['repair-now: freed 1 block, 32 bytes']);
		expect([sim.summary().liveBytes, sim.reclamation.graph.edgeCount]).toEqual([64, 0]);
	});

	it('frees a growing site\'s blocks that have lived through a whole window', () => {
		const lines: string[] = [];
		for (let w = 0; w < 6; w++) {
			lines.push(`a ${w} 100 grow`);
			while (lines.length < 10 * (w + 1)) lines.push('tick 1');
		}
		lines.push('a 99 100 grow');
		const sim = new Simulation(new ScriptSource(lines.join('\n'), false), {params: {...defaultParams, leakCheckEvery: 10, growthWindows: 3}});
		while (!sim.finished) sim.stepSync(100);
		sim.apply({key: 'repair-now'});
		// Blocks 0..5 were born before the last window began (event 60); block 99 was born after it.
		expect([sim.summary().liveBlocks, sim.reclamation.repairs.bytes]).toEqual([1, 600]);
	});

	it('says so when leak detection is off', () => {
		const sim = new Simulation(new ScriptSource('a 1 8'), {params: {...defaultParams, leaks: false}});
		const descriptions: string[] = [];
		sim.events.on('change', change => descriptions.push(change.description));
		sim.apply({key: 'repair-now'});
		expect(descriptions).toEqual(['repair-now: leak detection is off']);
	});
});
