import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';

// End to end through the built CLI (`npm test` builds first): the bench's cells run in child processes
// that load the compiled replay cell.
const CLI = path.resolve('dist/cli.js');
const hasCompiler = ['cc', 'gcc', 'clang'].some((name) => spawnSync(name, ['--version']).status === 0);
const {pinnableCpus} = (await import(pathToFileURL(path.resolve('dist/source/bench/cpu-affinity.js')).href)) as typeof import('../../source/bench/cpu-affinity.js');
const cpus = pinnableCpus();
// Rounds are pinned when taskset can put them on one of two or more CPUs.
const pinned = cpus !== undefined && cpus.length > 1;

interface Row {
	strategy: string;
	nsPerEvent: number;
	vsNaive: number;
	vsGlibc?: number;
	forks: number[];
	medians: number[];
	controls: number[];
}

describe('memsim bench', {timeout: 60_000}, () => {
	it('reports each cell as its fastest run over fresh processes, with every process fastest and median run and the ratios from those', () => {
		const args = ['bench', '--trace', 'fixtures/traces/python3.valgrind', '--strategies', 'tlsf', '--runs', '3', '--forks', '2', '--no-holes', '--no-parse', '--json'];
		if (hasCompiler) args.push('--baseline-glibc');
		const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(result.status).toBe(0);
		const out = JSON.parse(result.stdout) as {
			traces: Array<{trace: string; events: number; glibcNsPerEvent?: number; glibcForks?: number[]; glibcMedians?: number[]; strategies: Row[]}>;
		};
		expect(out.traces).toHaveLength(1);
		const [trace] = out.traces;
		expect(trace!.trace).toBe('python3.valgrind');
		expect(trace!.events).toBeGreaterThan(1000);
		expect(trace!.strategies.map((row) => row.strategy)).toEqual(['tlsf', 'naive-first-fit']);
		const [tlsf, naive] = trace!.strategies;
		for (const row of [tlsf!, naive!]) {
			expect(row.forks).toHaveLength(2);
			// Each process timed the fixed control loop before its cell.
			expect(row.controls).toHaveLength(2);
			for (const control of row.controls) expect(control).toBeGreaterThan(0);
			expect(row.nsPerEvent).toBe(Math.min(...row.forks));
			expect(row.nsPerEvent).toBeGreaterThan(0);
			// A process's fastest run is no slower than its median run.
			expect(row.medians).toHaveLength(2);
			row.forks.forEach((fastest, i) => expect(fastest).toBeLessThanOrEqual(row.medians[i]!));
		}
		expect(tlsf!.vsNaive).toBeCloseTo(naive!.nsPerEvent / tlsf!.nsPerEvent, 9);
		if (hasCompiler) {
			expect(trace!.glibcForks).toHaveLength(2);
			expect(trace!.glibcNsPerEvent).toBe(Math.min(...trace!.glibcForks!));
			expect(trace!.glibcMedians).toHaveLength(2);
			trace!.glibcForks!.forEach((fastest, i) => expect(fastest).toBeLessThanOrEqual(trace!.glibcMedians![i]!));
			expect(tlsf!.vsGlibc).toBeCloseTo(tlsf!.nsPerEvent / trace!.glibcNsPerEvent!, 9);
		}
	});

	it('prints the control loop range under the table', () => {
		const args = ['bench', '--trace', 'fixtures/traces/sort.valgrind', '--strategies', 'buddy', '--runs', '1', '--forks', '1', '--no-holes', '--no-parse'];
		const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/control loop \(a fixed JS workload timed in every process before its cell; slower when the machine is\): \d+ to \d+ ns\/op, median \d+/);
		expect(result.stdout).toContain('sort.valgrind');
		if (pinned) expect(result.stdout).toContain(`the round pinned to CPU ${cpus![0]} (taskset): each round's cells on one CPU`);
	});

	it('takes every trace in each round, reports the traces in the order given, and leaves no temporary files behind', () => {
		const scratch = mkdtempSync(path.join(tmpdir(), 'memsim-bench-tmp-'));
		try {
			const args = ['bench', '--trace', 'fixtures/traces/sort.valgrind', '--trace', 'fixtures/traces/awk.valgrind', '--strategies', 'first-fit', '--runs', '1', '--forks', '2', '--no-holes', '--no-parse', '--json'];
			if (hasCompiler) args.push('--baseline-glibc');
			const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1', TMPDIR: scratch}});
			expect(result.status).toBe(0);
			const out = JSON.parse(result.stdout) as {traces: Array<{trace: string; glibcForks?: number[]; strategies: Row[]}>; roundCpus?: number[]};
			expect(out.traces.map((t) => t.trace)).toEqual(['sort.valgrind', 'awk.valgrind']);
			// Two rounds on two different CPUs, in the order this process may use them.
			expect(out.roundCpus).toEqual(pinned ? [cpus![0], cpus![1]] : undefined);
			for (const trace of out.traces) {
				for (const row of trace.strategies) expect(row.forks).toHaveLength(2);
				if (hasCompiler) expect(trace.glibcForks).toHaveLength(2);
			}
			// The glibc driver and each trace's operations file go once they are used.
			expect(readdirSync(scratch)).toEqual([]);
		} finally {
			rmSync(scratch, {recursive: true, force: true});
		}
	});

	it('leaves out a trace with no events, says so, and times the others', () => {
		const args = ['bench', '--trace', 'fixtures/traces/empty.memtrace', 'fixtures/traces/sort.valgrind', '--strategies', 'first-fit', '--runs', '1', '--forks', '1', '--no-holes', '--no-parse'];
		const json = spawnSync(process.execPath, [CLI, ...args, '--json'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(json.status).toBe(0);
		const out = JSON.parse(json.stdout) as {traces: Array<{trace: string}>; skipped: Array<{trace: string; reason: string}>};
		expect(out.traces.map((t) => t.trace)).toEqual(['sort.valgrind']);
		expect(out.skipped).toEqual([{trace: 'empty.memtrace', reason: 'no events to replay'}]);
		const text = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		expect(text.stdout).toContain('note: fixtures/traces/empty.memtrace: no events to replay, left out');
		expect(text.stdout).not.toContain('empty.memtrace  0');
	});

	it('exits with status 2 when no trace has events to time', () => {
		const args = ['bench', '--trace', 'fixtures/traces/empty.memtrace', '--strategies', 'first-fit', '--runs', '1', '--forks', '1', '--no-holes', '--no-parse'];
		const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8'});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('nothing to time: empty.memtrace (no events to replay)');
		expect(result.stderr).not.toContain('    at ');
	});

	it('leaves the glibc column empty for a trace with events but none that malloc has a call for', () => {
		const args = ['bench', '--trace', 'fixtures/traces/ticks.memtrace', '--strategies', 'first-fit', '--runs', '1', '--forks', '1', '--no-holes', '--no-parse', '--json'];
		if (hasCompiler) args.push('--baseline-glibc');
		const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8'});
		expect(result.status).toBe(0);
		const out = JSON.parse(result.stdout) as {traces: Array<{events: number; glibcNsPerEvent?: number; strategies: Row[]}>};
		expect(out.traces[0]!.events).toBe(2);
		expect(out.traces[0]!.glibcNsPerEvent).toBeUndefined();
		for (const row of out.traces[0]!.strategies) expect(row.vsGlibc).toBeUndefined();
	});

	it('refuses a fork count out of range with exit status 2', () => {
		const result = spawnSync(process.execPath, [CLI, 'bench', '--forks', '0'], {encoding: 'utf8'});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain("--forks: '0' is out of range (allowed: integers 1 to 20)");
	});
});
