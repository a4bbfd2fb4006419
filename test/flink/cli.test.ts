import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

// End to end through the built CLI (`npm test` builds first; alone: `npx tsc -p tsconfig.json`).
const CLI = path.resolve('dist/cli.js');

function memsim(...args: string[]) {
	const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

let dir: string;

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-flink-'));
});

afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('memsim flink', {timeout: 30_000}, () => {
	it('prints the default 1728m TaskManager as JSON bytes', () => {
		const {status, stdout, stderr} = memsim('flink', '-D', 'taskmanager.memory.process.size=1728m', '--json');
		expect(stderr).toBe('');
		expect(status).toBe(0);
		const json = JSON.parse(stdout);
		expect(json).toMatchObject({
			frameworkHeap: 134217728,
			taskHeap: 402653174,
			managed: 536870920,
			network: 134217730,
			frameworkOffHeap: 134217728,
			taskOffHeap: 0,
			metaspace: 268435456,
			overhead: 201326592,
			totalFlink: 1342177280,
			totalProcess: 1811939328,
		});
		expect(json.jvmArgs).toMatchObject({xmx: 536870902, xms: 536870902, maxDirectMemorySize: 268435458, maxMetaspaceSize: 268435456});
	});

	it('exits 2 naming the keys of a conflicting configuration, without a stack trace', () => {
		const {status, stdout, stderr} = memsim(
			'flink',
			'-D',
			'taskmanager.memory.flink.size=499m',
			'-D',
			'taskmanager.memory.task.heap.size=100m',
			'-D',
			'taskmanager.memory.managed.size=400m',
		);
		expect(status).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^memsim: Sum of configured Framework Heap Memory .* exceed configured Total Flink Memory \(499\.000mb/);
		for (const key of ['taskmanager.memory.flink.size: 499m', 'taskmanager.memory.task.heap.size: 100m', 'taskmanager.memory.managed.size: 400m']) {
			expect(stderr).toContain(key);
		}
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	it('reads a nested config.yaml, with -D winning over it', () => {
		const file = path.join(dir, 'config.yaml');
		writeFileSync(file, 'taskmanager:\n  memory:\n    process:\n      size: 4g # container size\njobmanager:\n  memory:\n    process.size: 1600m\n');
		const tm = JSON.parse(memsim('flink', '--conf', file, '-D', 'taskmanager.memory.process.size=1728m', '--json').stdout);
		expect(tm.totalProcess).toBe(1811939328);
		const jm = JSON.parse(memsim('flink', '--conf', dir, '--jobmanager', '--json').stdout);
		expect(jm).toMatchObject({jvmHeap: 1073741824, offHeap: 134217728, totalProcess: 1677721600});
	});

	it('reports a malformed line as FILE:LINE and a missing file clearly, exiting 2', () => {
		const file = path.join(dir, 'flink-conf.yaml');
		writeFileSync(file, '# comment\ntaskmanager.memory.process.size 1728m\n');
		const malformed = memsim('flink', '--conf', file);
		expect(malformed.status).toBe(2);
		expect(malformed.stderr).toBe(`memsim: ${file}:2: expected 'key: value'\n`);
		const missing = memsim('flink', '--conf', path.join(dir, 'nope.yaml'));
		expect(missing.status).toBe(2);
		expect(missing.stderr).toBe(`memsim: cannot read Flink configuration ${path.join(dir, 'nope.yaml')}: no such file\n`);
	});

	it('prints plain aligned text when stdout is not a terminal', () => {
		const {status, stdout} = memsim('flink', '-D', 'taskmanager.memory.process.size=1728m');
		expect(status).toBe(0);
		expect(stdout).toContain('Managed Memory        512.000 MiB   536870920  taskmanager.memory.managed.fraction');
		expect(stdout).toContain('|FH  |Task Heap      |Managed Memory       |FO  |NW  |MS        |OV     |');
		expect(stdout).not.toContain('\u001B[');
	});
});
