import {describe, expect, it} from 'vitest';
import {parseChange} from '../../source/engine/changes.js';
import type {ChangeEvent} from '../../source/engine/simulation-events.js';
import {Simulation} from '../../source/engine/simulation.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {nextTuner} from '../../source/engine/tuner/registry.js';
import {type ScriptEvent, ScriptedSource, scriptedSimulation} from '../helpers/scripted-source.js';

/**
 * Small and large blocks in pairs; the large ones are freed and slightly larger ones asked for: no
 * hole fits them, so a heap that cannot move anything grows by all of them (malloc-lab's "binary").
 */
function pairsThenLarger(pairs: number): ScriptEvent[] {
	const script: ScriptEvent[] = [];
	for (let i = 0; i < pairs; i++) script.push(['a', 2 * i, 64], ['a', 2 * i + 1, 448]);
	for (let i = 0; i < pairs; i++) script.push(['f', 2 * i + 1]);
	for (let i = 0; i < pairs; i++) script.push(['a', 2 * pairs + i, 512]);
	return script;
}

const growing: Partial<SimulationParams> = {capacity: 'grow', strategy: 'best-fit', check: true};

function runToEnd(script: readonly ScriptEvent[], params: Partial<SimulationParams>, changes: string[] = []): {sim: Simulation; events: ChangeEvent[]} {
	const sim = new Simulation(new ScriptedSource(script), {params: {...defaultParams, ...params}, changes: changes.map(parseChange)});
	const events: ChangeEvent[] = [];
	sim.events.on('change', change => events.push(change));
	sim.stepSync(script.length);
	return {sim, events};
}

describe('tuner driver', () => {
	it('is idle when off: no looks, no decisions', () => {
		const {sim} = runToEnd(pairsThenLarger(200), growing);
		expect(sim.tuner.due).toBe(Number.POSITIVE_INFINITY);
		expect(sim.tuner.watching).toBe(false);
		expect(sim.summary().tuner).toEqual({mode: 'off', epoch: 256, decisionCount: 0, decisions: []});
		expect(sim.summary().peakUtilization).toBeLessThan(0.6);
	});

	it('rules: compacts when the heap grows past the holes, and the program stays within the space it needs', () => {
		const {sim, events} = runToEnd(pairsThenLarger(200), {...growing, tuner: 'rules'});
		const summary = sim.summary();
		expect(summary.peakUtilization).toBeGreaterThan(0.99);
		expect(summary.tuner.decisions).toEqual([
			{event: 601, action: 'compact', reason: 'heap grew 64 B while 87% of the heap was free in holes (fragmentation 99%)'},
		]);
		// The decision went through apply, as a key press does: a change event naming the tuner and its reason.
		expect(events.map(e => [e.event, e.key, e.origin, e.description])).toEqual([
			[601, 'compact', 'scripted', 'compact: moved 13248 bytes (tuner rules: heap grew 64 B while 87% of the heap was free in holes (fragmentation 99%))'],
		]);
	});

	it('turns on from --change, as from the dashboard key, and starts its epochs there', () => {
		const {sim, events} = runToEnd(pairsThenLarger(200), growing, ['300:tuner=rules']);
		expect(events[0]).toMatchObject({event: 300, key: 'tuner', description: 'tuner off -> rules'});
		expect(sim.summary().tuner.mode).toBe('rules');
		expect(sim.summary().tuner.decisions.map(d => d.action)).toEqual(['compact']);
	});

	it('changes its epoch through tuner-epoch', () => {
		const sim = scriptedSimulation(pairsThenLarger(10), {...growing, tuner: 'bandit'});
		expect(sim.tuner.due).toBe(256);
		sim.apply({key: 'tuner-epoch', value: '50'});
		expect(sim.tuner.due).toBe(50);
		expect(sim.summary().tuner.epoch).toBe(50);
	});

	it('turns a static partition elastic when an owner fails with quota idle elsewhere', () => {
		const script: ScriptEvent[] = [];
		for (let i = 0; i < 6; i++) script.push(['a', i, 8 * 1024, 'load', 'a']);
		script.push(['a', 100, 64, 'load', 'b']);
		const {sim, events} = runToEnd(script, {capacity: 64 * 1024, owners: 2, partition: 'static', tuner: 'rules'});
		const summary = sim.summary();
		expect(summary.failures).toBe(1);
		expect(summary.partition.mode).toBe('elastic');
		expect(events.map(e => e.description)).toEqual(['partition static -> elastic (tuner rules: 1 quota failures while other quotas had the bytes idle)']);
		expect(summary.owners[0]).toMatchObject({owner: 'a', liveBytes: 40 * 1024, failures: 1, strandedBytes: 32 * 1024, borrowedBytes: 8 * 1024});
	});

	it('bandit: switches strategies through apply and records each decision', () => {
		const script: ScriptEvent[] = [];
		for (let round = 0; round < 40; round++) {
			for (let i = 0; i < 32; i++) script.push(['a', round * 100 + i, 24 + ((i * 37 + round * 11) % 900)]);
			for (let i = 0; i < 32; i += 2) script.push(['f', round * 100 + i]);
		}
		const {sim, events} = runToEnd(script, {...growing, tuner: 'bandit', tunerEpoch: 32});
		const decisions = sim.summary().tuner.decisions;
		expect(decisions.length).toBeGreaterThan(0);
		expect(events.map(e => e.key)).toEqual(decisions.map(() => 'strategy'));
		for (const [i, event] of events.entries()) {
			expect(event.description).toContain('(tuner bandit: ');
			expect(`strategy=${event.value}`).toBe(decisions[i]!.action);
		}
	});

	it('cycles off -> rules -> bandit -> off on the dashboard key', () => {
		expect(nextTuner('off')).toEqual({key: 'tuner', value: 'rules'});
		expect(nextTuner('rules')).toEqual({key: 'tuner', value: 'bandit'});
		expect(nextTuner('bandit')).toEqual({key: 'tuner', value: 'off'});
	});

	it('rejects an unknown tuner up front', () => {
		expect(() => parseChange('10:tuner=magic')).toThrow(/unknown value 'magic' \(valid: off, rules, bandit\)/);
		expect(() => parseChange('10:tuner-epoch=0')).toThrow(/out of range/);
	});
});
