import {describe, expect, it} from 'vitest';
import {InputError} from '../../source/engine/input-error.js';
import {validateReclaimParams} from '../../source/engine/reclaim/options.js';
import {runScript} from './gc-workload.js';

describe('explicit reclamation', () => {
	it('frees at once', () => {
		const sim = runScript('a 1 64\na 2 32\nf 1');
		expect([sim.summary().liveBytes, sim.summary().lazyQueueBlocks]).toEqual([32, 0]);
	});
});

describe('lazy reclamation', () => {
	it('queues frees and shows the queue in the summary', () => {
		const sim = runScript('a 1 64\na 2 32\nf 1', {reclaim: 'lazy'});
		const summary = sim.summary();
		expect([summary.liveBytes, summary.lazyQueueBytes, summary.lazyQueueBlocks]).toEqual([96, 64, 1]);
	});

	it('reclaims the batch once the queue holds lazyBytes', () => {
		const sim = runScript('a 1 64\na 2 64\na 3 8\nf 1\nf 2', {reclaim: 'lazy', lazyBytes: 100});
		const summary = sim.summary();
		expect([summary.liveBytes, summary.lazyQueueBytes, summary.lazyQueueBlocks]).toEqual([8, 0, 0]);
	});

	it('reclaims the batch when an allocation would fail, then retries', () => {
		const sim = runScript('a 1 128\na 2 128\nf 1\na 3 128', {reclaim: 'lazy', capacity: 256});
		const summary = sim.summary();
		expect([summary.failures, summary.liveBytes, summary.lazyQueueBlocks]).toEqual([0, 256, 0]);
	});

	it('reclaims the batch at the end of a task', () => {
		const sim = runScript('task t start\na 1 64 s t\nf 1\na 2 8\ntask t end', {reclaim: 'lazy'});
		expect([sim.summary().liveBytes, sim.summary().lazyQueueBlocks]).toEqual([8, 0]);
	});

	it('empties the queue when the mode changes back to explicit', () => {
		const sim = runScript('a 1 64\nf 1', {reclaim: 'lazy'});
		sim.apply({key: 'reclaim', value: 'explicit'});
		expect([sim.summary().liveBytes, sim.summary().lazyQueueBlocks]).toEqual([0, 0]);
	});
});

describe('gc reclamation', () => {
	it('makes f only drop the root: memory comes back through the collector', () => {
		const sim = runScript('a 1 64\nroot 1\nf 1', {reclaim: 'gc', collector: 'mark-sweep'});
		expect(sim.summary().liveBytes).toBe(64);
		expect(sim.reclamation.graph.rootTotal).toBe(0);
		sim.apply({key: 'collect'});
		expect(sim.summary().liveBytes).toBe(0);
	});

	it('keeps a freed block that a live block still references', () => {
		const sim = runScript('a 1 64\nroot 1\na 2 32\nref 1 2\nf 2', {reclaim: 'gc', collector: 'mark-compact'});
		sim.apply({key: 'collect'});
		expect([sim.summary().liveBytes, sim.summary().liveBlocks]).toEqual([96, 2]);
	});

	it('reads a trace without refs as a malloc program: each block its own root until its f', () => {
		const sim = runScript('a 1 64\na 2 32\nf 1', {reclaim: 'gc', collector: 'copying'}, false);
		expect(sim.summary().liveBytes).toBe(96);
		sim.apply({key: 'collect'});
		expect(sim.summary().liveBytes).toBe(32);
	});

	it('frees what the program freed under gc when the mode changes to explicit', () => {
		const sim = runScript('a 1 64\nroot 1\na 2 32\nref 1 2\nf 2', {reclaim: 'gc', collector: 'mark-sweep'});
		sim.apply({key: 'reclaim', value: 'explicit'});
		expect([sim.summary().liveBytes, sim.reclamation.graph.edgeCount]).toEqual([64, 0]);
	});

	it('picks mark-sweep when a run switches to gc without a collector', () => {
		const sim = runScript('a 1 64');
		const descriptions: string[] = [];
		sim.events.on('change', change => descriptions.push(change.description));
		sim.apply({key: 'reclaim', value: 'gc'});
		expect(descriptions).toEqual(['reclaim explicit -> gc; collector none -> mark-sweep (gc needs a collector)']);
		expect(sim.params.collector).toBe('mark-sweep');
	});

	it('refuses to start gc without a collector', () => {
		expect(() => validateReclaimParams({collector: 'none', reclaim: 'gc', capacity: 4096, nurseryBytes: 0})).toThrow(InputError);
	});
});
