import {describe, expect, it} from 'vitest';
import {buildParams, type RunOptionValues} from '../../source/commands/run-options.js';
import {Simulation} from '../../source/engine/simulation.js';
import {summaryText} from '../../source/format/summary-text.js';
import {findGenerator} from '../../source/workloads/generators/registry.js';

/** `memsim run --headless --workload task-leak --events 20000 --seed 1` with these options. */
async function run(values: RunOptionValues, workload = 'task-leak') {
	const source = findGenerator(workload)!.create({seed: 1, events: 20_000});
	const sim = new Simulation(source, {params: buildParams(values)});
	await sim.runToEnd();
	const summary = sim.summary();
	return {summary, lines: summaryText(summary).split('\n')};
}

/** The line whose label is `label` (labels are padded to one width). */
const line = (lines: readonly string[], label: string) => lines.find(text => text.startsWith(`${label}  `));

describe('the headless summary text', () => {
	it('prints the collector, gc totals, each leak alert, the partition and a row per owner under static quotas', async () => {
		const {summary, lines} = await run({partition: 'static', owners: '4', heap: '256k'});
		expect(lines).toContain('collector               none, reclaim explicit');
		expect(lines).toContain('gc                      0 cycles (0 minor, 0 major), reclaimed 0 B, moved 0 B, pauses 0.00 ms total, 0.00 ms max');
		expect(summary.leaks).toHaveLength(1);
		expect(lines).toContain('leak owner-end          import.batch: 58.5 KiB in 2 blocks, owner import, since event 425 (still held when task import ended)');
		expect(lines).toContain('partition               static: 1350 quota failures, 1350 stranded failures, 0 collections, 0 evictions');
		expect(lines).toContain('owner import            58.5 KiB live, peak 59.9 KiB, quota 64.0 KiB (peak 93.6%), 590 failures, 191.8 KiB stranded');
		expect(lines).toContain('owner index             4.8 KiB live, peak 10.0 KiB, quota 64.0 KiB (peak 15.6%), 0 failures');
		expect(lines.filter(text => text.startsWith('owner '))).toHaveLength(summary.owners.length);
		expect(lines.some(text => text.startsWith('tuner'))).toBe(false);
	});

	it("prints gc pauses in ms and the tuner's decisions when the tuner is on", async () => {
		const {summary, lines} = await run({heap: '256k', reclaim: 'gc', gc: 'mark-sweep', tuner: 'rules'});
		expect(lines).toContain('collector               mark-sweep, reclaim gc');
		expect(line(lines, 'gc')).toMatch(/^gc +\d+ cycles \(0 minor, \d+ major\), reclaimed [\d.]+ MiB, moved 0 B, pauses [\d.]+ ms total, [\d.]+ ms max$/);
		expect(summary.tuner.decisionCount).toBeGreaterThan(0);
		expect(lines).toContain(`tuner                   rules, ${summary.tuner.decisionCount} decisions`);
		const first = summary.tuner.decisions[0]!;
		expect(lines).toContain(`${`tuner #${first.event}`.padEnd(22)}  ${first.action} (${first.reason})`);
		expect(lines.filter(text => text.startsWith('tuner #'))).toHaveLength(summary.tuner.decisions.length);
	});

	it('leaves owners out of a shared heap where no owner failed', async () => {
		const {summary, lines} = await run({heap: '64m'});
		expect(summary.partition.mode).toBe('shared');
		expect(summary.owners.every(owner => owner.failures === 0)).toBe(true);
		expect(lines.some(text => /^(owner|partition) /.test(text))).toBe(false);
	});

	it('prints a recorded summary that lacks the newer sections', async () => {
		const {summary} = await run({heap: '256k'});
		const {gc: _gc, leaks: _leaks, owners: _owners, partition: _partition, tuner: _tuner, collector: _collector, reclaim: _reclaim, ...old} = summary;
		const lines = summaryText(old as typeof summary).split('\n');
		expect(lines.at(-1)).toMatch(/^speed +\d+ events\/s$/);
	});
});
