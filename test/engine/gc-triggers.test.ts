import {describe, expect, it} from 'vitest';
import {runScript} from './gc-workload.js';

/** `count` unrooted 256-byte blocks, a tick after each (so none counts as just allocated). */
function garbage(count: number, first = 1): string {
	const lines: string[] = [];
	for (let i = first; i < first + count; i++) lines.push(`a ${i} 256`, 'tick 1');
	return lines.join('\n');
}

describe('collection triggers', () => {
	it('collects when occupancy reaches the trigger, holding the block just allocated', () => {
		const sim = runScript(garbage(8), {collector: 'mark-sweep', capacity: 4096, gcTrigger: 50});
		expect(sim.gcStats.recent.map(r => [r.event, r.reclaimedBlocks])).toEqual([[15, 7]]);
	});

	it('does not collect on every allocation while live data stays above the trigger', () => {
		const lines = [];
		for (let i = 1; i <= 14; i++) lines.push(`a ${i} 256`, `root ${i}`);
		const sim = runScript(lines.join('\n'), {collector: 'mark-sweep', capacity: 4096, gcTrigger: 50});
		// A cycle at 2048 bytes (50%), then each time halfway from what is left to full: 3072, then 3584.
		expect(sim.gcStats.recent.map(r => r.beforeLiveBytes)).toEqual([2048, 3072, 3584]);
	});

	it('never triggers without a collector', () => {
		const sim = runScript(garbage(16), {capacity: 4096, gcTrigger: 10});
		expect(sim.gcStats.cycles).toBe(0);
	});

	it('collects on allocation failure, then retries once before counting a failure', () => {
		const sim = runScript(`${garbage(16)}\na 100 256`, {collector: 'mark-sweep', capacity: 4096});
		expect([sim.summary().failures, sim.gcStats.cycles]).toEqual([0, 1]);
	});

	it('counts the failure when the collection frees too little', () => {
		const sim = runScript('a 1 4000\nroot 1\ntick 1\na 2 200', {collector: 'mark-sweep', capacity: 4096});
		expect([sim.summary().failures, sim.gcStats.cycles]).toEqual([1, 1]);
	});
});
