import {describe, expect, it} from 'vitest';
import type {Admission, AdmissionVerdict} from '../../source/engine/admission.js';
import {InputError} from '../../source/engine/input-error.js';
import {AdmissionChain} from '../../source/engine/partition/admission-chain.js';
import {parseQuotas, validateQuotaPlan} from '../../source/engine/partition/quotas.js';
import type {SimulationParams} from '../../source/engine/params.js';
import {type ScriptEvent, scriptedSimulation} from '../helpers/scripted-source.js';

const kib = 1024;
/** A 64 KiB heap cut in two 32 KiB quotas. */
const twoOwners: Partial<SimulationParams> = {capacity: 64 * kib, owners: 2, partition: 'static', check: true};

function run(script: readonly ScriptEvent[], params: Partial<SimulationParams>) {
	const sim = scriptedSimulation(script, params);
	sim.stepSync(script.length);
	return sim;
}

function row(sim: ReturnType<typeof run>, owner: string) {
	return sim.summary().owners.find(r => r.owner === owner)!;
}

/** Owner a takes three 12 KiB blocks (one more than its 32 KiB quota holds); owner b takes one. */
const overQuota: ScriptEvent[] = [
	['a', 1, 12 * kib, 'load', 'a'],
	['a', 2, 12 * kib, 'load', 'a'],
	['a', 3, 12 * kib, 'load', 'a'],
	['a', 4, 2 * kib, 'load', 'b'],
];

describe('static partition', () => {
	it('fails an owner past its quota while the other quota is idle, and says how much was stranded', () => {
		const failures: Array<string | undefined> = [];
		const sim = scriptedSimulation(overQuota, twoOwners);
		sim.events.on('failure', failure => failures.push(failure.reason));
		sim.stepSync(overQuota.length);
		expect(failures).toEqual(['owner a: quota of 32768 bytes exhausted (24576 held, 12288 asked); 32768 bytes idle in other quotas']);
		const summary = sim.summary();
		expect(summary.failures).toBe(1);
		expect(summary.owners).toEqual([
			{owner: 'a', liveBytes: 24 * kib, peakBytes: 24 * kib, quotaBytes: 32 * kib, failures: 1, strandedBytes: 32 * kib, borrowedBytes: 0, evictions: 0},
			{owner: 'b', liveBytes: 2 * kib, peakBytes: 2 * kib, quotaBytes: 32 * kib, failures: 0, strandedBytes: 0, borrowedBytes: 0, evictions: 0},
		]);
		expect(summary.partition).toEqual({mode: 'static', quotaFailures: 1, strandedFailures: 1, collections: 0, evictions: 0});
	});

	it('gives quotas by name with --quota, and leaves owners no quota names unlimited', () => {
		const sim = run(overQuota, {capacity: 64 * kib, partition: 'static', quotas: {b: 4 * kib}});
		expect(sim.summary().failures).toBe(0);
		expect(row(sim, 'a').quotaBytes).toBeNull();
		expect(row(sim, 'b').quotaBytes).toBe(4 * kib);
	});

	it('gives equal shares only to the first N owners seen', () => {
		const sim = run(overQuota, {capacity: 64 * kib, partition: 'static', owners: 1});
		expect(row(sim, 'a').quotaBytes).toBe(64 * kib);
		expect(row(sim, 'b').quotaBytes).toBeNull();
	});

	it('refuses a realloc that would take an owner past its quota and leaves the block as it was', () => {
		const script: ScriptEvent[] = [['a', 1, 30 * kib, 'load', 'a'], ['r', 1, 40 * kib]];
		const sim = run(script, twoOwners);
		expect(sim.summary().failedRequests[0]!.reason).toMatch(/^owner a: quota of 32768 bytes exhausted/);
		expect(sim.heap.payloadBytes).toBe(30 * kib);
		expect(row(sim, 'a').liveBytes).toBe(30 * kib);
	});

	it('credits the owner when the program frees', () => {
		const sim = run([...overQuota, ['f', 1], ['a', 5, 12 * kib, 'load', 'a']], twoOwners);
		expect(row(sim, 'a')).toMatchObject({liveBytes: 24 * kib, peakBytes: 24 * kib, failures: 1});
	});
});

describe('shared partition', () => {
	it('counts per owner and refuses nothing', () => {
		const sim = run(overQuota, {capacity: 64 * kib});
		expect(sim.summary().failures).toBe(0);
		expect(sim.summary().owners.map(r => [r.owner, r.liveBytes, r.quotaBytes])).toEqual([
			['a', 36 * kib, null],
			['b', 2 * kib, null],
		]);
	});

	it('counts heap failures against the owner that asked', () => {
		const sim = run([['a', 1, 40 * kib, 'x', 'a'], ['a', 2, 40 * kib, 'x', 'b']], {capacity: 64 * kib});
		expect(row(sim, 'b').failures).toBe(1);
		expect(row(sim, 'b').liveBytes).toBe(0);
	});
});

describe('elastic partition', () => {
	const elastic: Partial<SimulationParams> = {...twoOwners, partition: 'elastic'};
	/** a borrows 4 KiB of b's idle quota; then b asks for space within its quota that only the loan holds. */
	const lendAndReclaim: ScriptEvent[] = [
		...overQuota.slice(0, 3),
		['a', 10, 10 * kib, 'work', 'b'],
		['a', 11, 10 * kib, 'work', 'b'],
		['a', 12, 10 * kib, 'work', 'b'],
	];

	it('lets an owner borrow idle quota', () => {
		const sim = run(overQuota, elastic);
		expect(sim.summary().failures).toBe(0);
		expect(row(sim, 'a')).toMatchObject({liveBytes: 36 * kib, borrowedBytes: 4 * kib});
	});

	it('evicts the borrower\'s newest block when the lender needs its share back, and counts it', () => {
		const sim = run(lendAndReclaim, elastic);
		const summary = sim.summary();
		expect(summary.failures).toBe(0);
		expect(row(sim, 'a')).toMatchObject({liveBytes: 24 * kib, evictions: 1});
		expect(row(sim, 'b')).toMatchObject({liveBytes: 30 * kib, evictions: 0});
		expect(summary.partition).toMatchObject({evictions: 1, collections: 0});
		expect(sim.ids.get(3)).toBeLessThan(0);
		expect(sim.ids.get(2)).toBeGreaterThanOrEqual(0);
	});

	it('accepts the program\'s later free of an evicted block quietly', () => {
		const sim = run([...lendAndReclaim, ['f', 3]], elastic);
		expect(sim.summary().invalidFrees).toBe(0);
		expect(sim.summary().anomalies).toEqual({});
	});

	it('asks for a collection before evicting when a collector runs', () => {
		const sim = run(lendAndReclaim, {...elastic, collector: 'mark-sweep'});
		expect(sim.summary().partition).toMatchObject({collections: 1, evictions: 1});
	});

	it('fails a borrower when nothing is idle', () => {
		const sim = run([...lendAndReclaim, ['a', 13, 12 * kib, 'load', 'a']], elastic);
		expect(sim.summary().failedRequests.map(f => f.reason)).toEqual([
			'owner a: quota of 32768 bytes exhausted (24576 held, 12288 asked); 2048 bytes idle in other quotas, too few to borrow',
		]);
	});
});

describe('partition change key', () => {
	it('switches static to elastic mid-run through apply, as --change and the tuner do', () => {
		const sim = scriptedSimulation(overQuota, twoOwners);
		const changes: string[] = [];
		sim.events.on('change', change => changes.push(change.description));
		sim.stepSync(2);
		sim.apply({key: 'partition', value: 'elastic'});
		sim.stepSync(2);
		expect(changes).toEqual(['partition static -> elastic']);
		expect(sim.summary().failures).toBe(0);
	});

	it('refuses static or elastic on a run without quotas', () => {
		const sim = scriptedSimulation(overQuota, {capacity: 64 * kib});
		expect(() => sim.apply({key: 'partition', value: 'static'})).toThrow(/has no quotas/);
	});
});

describe('quota options', () => {
	it('parses owner=size lists', () => {
		expect(parseQuotas('render=16m, index=512k')).toEqual({render: 16 * kib * kib, index: 512 * kib});
		expect(() => parseQuotas('render')).toThrow(InputError);
		expect(() => parseQuotas('a=1k,a=2k')).toThrow(/given twice/);
		expect(() => parseQuotas('a=0')).toThrow(/positive/);
	});

	it('rejects plans that cannot be cut', () => {
		const plan = {mode: 'static' as const, quotas: {}, owners: 0, capacity: 1024 as number | 'grow'};
		expect(() => validateQuotaPlan(plan)).toThrow(/--owners N/);
		expect(() => validateQuotaPlan({...plan, owners: 4, capacity: 'grow'})).toThrow(/fixed --heap/);
		expect(() => validateQuotaPlan({...plan, owners: 4, quotas: {a: 1}})).toThrow(/not both/);
		expect(() => validateQuotaPlan({...plan, quotas: {a: 800, b: 800}})).toThrow(/more than the 1024-byte heap/);
		expect(() => validateQuotaPlan({...plan, mode: 'shared'})).not.toThrow();
	});
});

describe('admission chain', () => {
	function budget(name: string, log: string[], verdict: AdmissionVerdict): Admission {
		return {
			admit: id => (log.push(`${name} admit ${id}`), verdict),
			release: id => void log.push(`${name} release ${id}`),
		};
	}

	it('asks in order and gives back what earlier checks admitted when a later one refuses', () => {
		const log: string[] = [];
		const chain = new AdmissionChain([budget('flink', log, 'heap'), undefined, budget('quota', log, {refuse: 'full'})]);
		expect(chain.admit(7, 64, 0, 1)).toEqual({refuse: 'full'});
		expect(log).toEqual(['flink admit 7', 'quota admit 7', 'flink release 7']);
	});

	it('stops at a pool that takes the request elsewhere', () => {
		const log: string[] = [];
		const chain = new AdmissionChain([budget('network', log, 'outside'), budget('quota', log, 'heap')]);
		expect(chain.admit(1, 64, 0, 1)).toBe('outside');
		expect(log).toEqual(['network admit 1']);
	});
});
