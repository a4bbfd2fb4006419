import {describe, expect, it} from 'vitest';
import {InputError} from '../../source/engine/input-error.js';
import {defaultParams} from '../../source/engine/params.js';
import {
	parseCost,
	parseGcTrigger,
	parseGrowthWindows,
	parseLeakCheckEvery,
	parsePromoteAfter,
	parseReclaim,
	parseRepair,
	parseStaleAfter,
	validateReclaimParams,
} from '../../source/engine/reclaim/options.js';
import {Simulation} from '../../source/engine/simulation.js';
import {runScript, ScriptSource} from './gc-workload.js';

describe('bad graph events', () => {
	it('are counted as anomalies with the first line number, never a crash', () => {
		const sim = runScript(`a 1 64
ref 1 9
touch 7
unroot 1
task x end
unref 1 1
f 1
touch 1
ref 1 1
root 5
unref 8 1
task y start
task y end
task y end`);
		expect(sim.summary().anomalies).toEqual({
			'ref-unknown-id': {count: 2, firstLine: 2, firstEvent: 2},
			'touch-unknown-id': {count: 2, firstLine: 3, firstEvent: 3},
			'unroot-non-root': {count: 1, firstLine: 4, firstEvent: 4},
			'task-end-without-start': {count: 2, firstLine: 5, firstEvent: 5},
			'unref-missing-edge': {count: 1, firstLine: 6, firstEvent: 6},
			'root-unknown-id': {count: 1, firstLine: 10, firstEvent: 10},
			'unref-unknown-id': {count: 1, firstLine: 11, firstEvent: 11},
		});
	});

	it('skip the id of a failed allocation quietly: malloc returned NULL', () => {
		const sim = runScript('a 1 100000\nref 1 1\ntouch 1\nf 1', {capacity: 4096});
		expect([sim.summary().failures, sim.summary().anomalies]).toEqual([1, {}]);
	});
});

describe('options out of range', () => {
	const cases: Array<[string, () => unknown, string]> = [
		['gc trigger', () => parseGcTrigger('120'), "--gc-trigger (percent): '120' is out of range (allowed: integers 0 to 100)"],
		['stale-after', () => parseStaleAfter('0'), "--stale-after (time units): '0' is out of range (allowed: integers 1 to 1000000000000)"],
		['leak check interval', () => parseLeakCheckEvery('-5'), "--leak-check-every (events): '-5' is out of range (allowed: integers 1 to 1000000000)"],
		['growth windows', () => parseGrowthWindows('1'), "--growth-windows: '1' is out of range (allowed: integers 2 to 1000)"],
		['promotion age', () => parsePromoteAfter('300'), "--promote-after (minor collections survived): '300' is out of range (allowed: integers 1 to 255)"],
		['mark cost', () => parseCost('2000000', '--gc-cost-mark'), "--gc-cost-mark: '2000000' is out of range (allowed: 0 to 1000000 nanoseconds)"],
		['move cost', () => parseCost('-0.5', '--gc-cost-move'), "--gc-cost-move: '-0.5' is out of range (allowed: 0 to 1000000 nanoseconds)"],
		['reclaim mode', () => parseReclaim('eager'), "--reclaim: unknown value 'eager' (valid: explicit, lazy, gc)"],
		['repair mode', () => parseRepair('always'), "--repair: unknown value 'always' (valid: off, auto)"],
		['nursery', () => validateReclaimParams({collector: 'generational', reclaim: 'explicit', capacity: 4096, nurseryBytes: 4096}), '--nursery: 4096 bytes is out of range (allowed: up to 2048 bytes, half the heap)'],
	];
	for (const [what, parse, message] of cases) {
		it(`exit 2 with the allowed range: ${what}`, () => {
			expect(parse).toThrow(InputError);
			expect(parse).toThrow(message);
		});
	}

	it('accept values inside the range', () => {
		expect([parseGcTrigger('80%'), parseCost('0.25', 'x'), parseStaleAfter('50000')]).toEqual([80, 0.25, 50000]);
	});

	it('refuse a semispace collector on a growable heap or over buddy', () => {
		const start = (params: object): Simulation => new Simulation(new ScriptSource(''), {params: {...defaultParams, ...params}});
		expect(() => start({collector: 'copying', capacity: 'grow'})).toThrow("--gc copying: needs a fixed heap size (--heap <bytes>), not 'grow'");
		expect(() => start({collector: 'generational', strategy: 'buddy'})).toThrow(InputError);
		const sim = start({collector: 'copying'});
		expect(() => sim.apply({key: 'strategy', value: 'buddy'})).toThrow(InputError);
		expect(sim.params.strategy).toBe('tlsf');
	});

	it('keep the old collector when the new one cannot take the heap', () => {
		const sim = runScript('a 1 3000\nroot 1', {collector: 'mark-sweep', capacity: 4096});
		expect(() => sim.apply({key: 'gc', value: 'copying'})).toThrow('--gc copying: 3000 bytes in use do not fit one semispace (allowed: up to 2048 bytes, half the heap)');
		expect([sim.params.collector, sim.reclamation.driver.collector.name, sim.heap.reservedBytes]).toEqual(['mark-sweep', 'mark-sweep', 0]);
	});
});
