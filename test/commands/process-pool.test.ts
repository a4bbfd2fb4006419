import {pathToFileURL} from 'node:url';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

// The built pool (`npm test` builds first): it starts dist/source/commands/cell-process.js.
const {runInProcesses} = (await import(pathToFileURL(path.resolve('dist/source/commands/process-pool.js')).href)) as typeof import('../../source/commands/process-pool.js');
const {pinnableCpus} = (await import(pathToFileURL(path.resolve('dist/source/bench/cpu-affinity.js')).href)) as typeof import('../../source/bench/cpu-affinity.js');
const echo = pathToFileURL(path.resolve('test/helpers/echo-cell.mjs'));
const cpus = pinnableCpus();

interface Echo {
	value: number;
	pid: number;
	/** The child's Cpus_allowed_list. */
	cpus?: string;
}

describe('the process pool', {timeout: 30_000}, () => {
	it('returns outcomes in task order, from processes that are not this one', async () => {
		const done: number[] = [];
		const results = await runInProcesses<{value: number}, Echo>(echo, [1, 2, 3, 4, 5].map(value => ({value})), finished => done.push(finished), 2);
		expect(results.map(r => r.value)).toEqual([2, 4, 6, 8, 10]);
		// At most two processes took part (how the five tasks split between them is a matter of timing).
		expect(new Set(results.map(r => r.pid)).size).toBeLessThanOrEqual(2);
		expect(results.every(r => r.pid !== process.pid)).toBe(true);
		expect(done).toEqual([1, 2, 3, 4, 5]);
	});

	it('runs every task in a fresh process when asked', async () => {
		const results = await runInProcesses<{value: number}, Echo>(echo, [1, 2, 3].map(value => ({value})), () => {}, 1, true);
		expect(new Set(results.map(r => r.pid)).size).toBe(3);
	});

	it.skipIf(cpus === undefined)('runs every process on the one CPU it is given, and answers as an unpinned one does', async () => {
		const cpu = cpus![cpus!.length - 1]!;
		const results = await runInProcesses<{value: number}, Echo>(echo, [1, 2].map(value => ({value})), () => {}, 1, true, cpu);
		expect(results.map(r => r.value)).toEqual([2, 4]);
		expect(results.map(r => r.cpus)).toEqual([String(cpu), String(cpu)]);
		if (cpus!.length > 1) {
			const unpinned = await runInProcesses<{value: number}, Echo>(echo, [{value: 3}], () => {}, 1);
			expect(unpinned[0]!.cpus).not.toBe(String(cpu));
		}
	});

	it('waits for a slowly loading cell module before handing it a task', async () => {
		const slow = pathToFileURL(path.resolve('test/helpers/slow-cell.mjs'));
		const results = await runInProcesses<{value: number}, Echo>(slow, [{value: 1}, {value: 2}], () => {}, 1, true);
		expect(results.map(r => r.value)).toEqual([2, 3]);
	});

	it('kills a process that is still there 5 s after it was asked to quit, keeping its answers', async () => {
		const lingering = pathToFileURL(path.resolve('test/helpers/lingering-cell.mjs'));
		const started = Date.now();
		const results = await runInProcesses<{value: number}, Echo>(lingering, [{value: 4}], () => {}, 1);
		expect(results.map(r => r.value)).toEqual([8]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
		expect(() => process.kill(results[0]!.pid, 0)).toThrow(); // gone
	});

	it('rejects, naming the exit, when a cell module cannot load', async () => {
		const missing = pathToFileURL(path.resolve('test/helpers/no-such-cell.mjs'));
		await expect(runInProcesses(missing, [{value: 1}], () => {}, 1)).rejects.toThrow('a cell process ended without an answer (exit status 1)');
	});

	it("rejects with the cell's own message when a cell throws", async () => {
		await expect(runInProcesses(echo, [{value: 1}, {value: 7, fail: true}], () => {}, 1)).rejects.toThrow('cell 7 failed on purpose');
	});
});
