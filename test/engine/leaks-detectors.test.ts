import {describe, expect, it} from 'vitest';
import type {LeakAlert} from '../../source/engine/leaks/alerts.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {runScript, ScriptSource} from './gc-workload.js';

const lostBlocks = `a 1 64 app
root 1
a 2 100 lost.site
a 3 50 lost.child
ref 2 3
a 4 100 lost.site
tick 1
tick 1
tick 1
tick 1`;

/** Only the end-of-run check runs (checks every million events), so detection times are exact. */
const atEnd: Partial<SimulationParams> = {leakCheckEvery: 1_000_000, leakGrace: 2};

function leakedMapBytes(sim: Simulation): number {
	return sim.heap.map.leaked.reduce((sum, bytes) => sum + bytes, 0);
}

describe('unreachable blocks (definitely and indirectly lost)', () => {
	it('are reported by site with bytes, blocks, first detection and a reason', () => {
		const sim = runScript(lostBlocks, atEnd);
		expect(sim.alerts()).toEqual([
			{kind: 'unreachable', site: 'lost.site', owner: '', bytes: 200, blocks: 2, firstDetected: 10, lastUpdated: 10, reason: 'definitely lost: nothing references it, no root reaches it, and it was never freed'},
			{kind: 'unreachable', site: 'lost.child', owner: '', bytes: 50, blocks: 1, firstDetected: 10, lastUpdated: 10, reason: 'indirectly lost: only other lost blocks reference it, and it was never freed'},
		]);
		expect(leakedMapBytes(sim)).toBe(104 + 56 + 104);
	});

	it('group a leak that repeats into one alert that grows, announced once', () => {
		const lines = ['a 0 64 app', 'root 0'];
		for (let i = 1; i <= 50; i++) lines.push(`a ${i} 10 lost.site`, 'tick 1', 'tick 1');
		const sim = new Simulation(new ScriptSource(lines.join('\n')), {params: {...defaultParams, leakCheckEvery: 20, leakGrace: 2}});
		const announced: LeakAlert[] = [];
		sim.events.on('alert', alert => announced.push(alert));
		while (!sim.finished) sim.stepSync(1000);
		expect(announced.map(a => [a.kind, a.site])).toEqual([['unreachable', 'lost.site']]);
		expect(sim.alerts().map(a => [a.site, a.blocks, a.bytes])).toEqual([['lost.site', 50, 500]]);
		expect(sim.alerts()[0]!.firstDetected).toBeLessThan(sim.alerts()[0]!.lastUpdated);
	});

	it('give a block just allocated or just cut loose the benefit of the doubt', () => {
		const sim = runScript('a 1 64 app\nroot 1\na 2 16 pending\nref 1 2\nunref 1 2', {leakGrace: 5, leakCheckEvery: 1_000_000});
		expect(sim.alerts()).toEqual([]);
	});

	it('are not checked when leak detection is off', () => {
		expect(runScript(lostBlocks, {...atEnd, leaks: false}).alerts()).toEqual([]);
	});

	it('are the collector business under gc: no unreachable alert', () => {
		expect(runScript(lostBlocks, {...atEnd, reclaim: 'gc', collector: 'mark-sweep'}).alerts()).toEqual([]);
	});
});

describe('stale blocks', () => {
	const listener = 'a 1 64 bus\nroot 1\na 2 32 listener\nref 1 2\ntouch 1\ntick 300\ntouch 1\ntick 300\ntouch 1\ntouch 2';

	it('are reachable blocks untouched for longer than stale-after', () => {
		const sim = runScript(listener.replace('\ntouch 2', ''), {...atEnd, staleAfter: 500});
		expect(sim.alerts()).toEqual([
			{kind: 'stale', site: 'listener', owner: '', bytes: 32, blocks: 1, firstDetected: 9, lastUpdated: 9, reason: 'reachable but not touched for more than 500 time units'},
		]);
	});

	it('stop being drawn as leaked when touched again, and stay counted', () => {
		const sim = new Simulation(new ScriptSource(listener), {params: {...defaultParams, ...atEnd, staleAfter: 500}});
		while (sim.eventNumber < 9) sim.stepSync(9 - sim.eventNumber);
		sim.reclamation.watch.checkReachability();
		expect(leakedMapBytes(sim)).toBe(32);
		while (!sim.finished) sim.stepSync(10);
		expect(leakedMapBytes(sim)).toBe(0);
		expect(sim.alerts().map(a => [a.kind, a.site, a.blocks])).toEqual([['stale', 'listener', 1]]);
	});

	it('need touch events: without them age is not staleness', () => {
		expect(runScript('a 1 64\nroot 1\ntick 100000', {...atEnd, staleAfter: 10}).alerts()).toEqual([]);
	});
});

describe('growth', () => {
	/** Windows of 10 events: site grow keeps one more block each window, site steady holds one at a time. */
	function windows(count: number): string {
		const lines: string[] = [];
		for (let w = 0; w < count; w++) {
			lines.push(`a ${1000 + w} 100 grow`, `a ${w} 50 steady`);
			if (w > 0) lines.push(`f ${w - 1}`);
			while (lines.length < 10 * (w + 1)) lines.push('tick 1');
		}
		return lines.join('\n');
	}

	it('is a site whose floor rises in K consecutive windows, restated while it keeps rising', () => {
		const sim = runScript(windows(6), {leakCheckEvery: 10, growthWindows: 3}, false);
		expect(sim.alerts()).toEqual([
			{kind: 'growth', site: 'grow', owner: '', bytes: 500, blocks: 5, firstDetected: 40, lastUpdated: 60, reason: 'live bytes rose in each of the last 5 windows of 10 events (floor 0 -> 500 bytes)'},
		]);
	});

	it('needs K rises: fewer windows raise nothing', () => {
		expect(runScript(windows(3), {leakCheckEvery: 10, growthWindows: 3}, false).alerts()).toEqual([]);
	});
});

describe('owner-end', () => {
	it('reports blocks an owner still holds when its task ends', () => {
		const sim = runScript('task t start\na 1 64 s1 t\na 2 32 s2 t\na 3 16 s3 other\nf 2\ntask t end', atEnd, false);
		expect(sim.alerts()).toEqual([
			{kind: 'owner-end', site: 's1', owner: 't', bytes: 64, blocks: 1, firstDetected: 6, lastUpdated: 6, reason: 'still held when task t ended'},
		]);
	});
});

describe('dangling frees', () => {
	it('report a free of a block a reachable block still references, and drop the reference', () => {
		const sim = runScript('a 1 64 holder\nroot 1\na 2 32 data\nref 1 2\nf 2\na 3 16 x\na 4 16 y\nref 3 4\nf 4\nf 3', atEnd);
		expect(sim.alerts()).toEqual([
			{kind: 'dangling', site: 'data', owner: '', bytes: 32, blocks: 1, firstDetected: 5, lastUpdated: 5, reason: 'freed while holder (reachable) still references it'},
		]);
		expect(sim.reclamation.graph.edgeCount).toBe(0);
	});
});
