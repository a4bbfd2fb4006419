import {appendFileSync, copyFileSync, mkdtempSync, renameSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readSession} from '../../source/recording/reader.js';
import {withoutTimings} from '../../source/recording/summary-compare.js';
import {expectNoStack, memsim, requireBuild} from './helpers.js';

let dir: string;
beforeAll(() => {
	requireBuild();
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-trace-session-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function recordTrace(name: string, ...extra: string[]) {
	const trace = path.join(dir, `${name}.valgrind`);
	copyFileSync('fixtures/traces/python3.valgrind', trace);
	const file = path.join(dir, `${name}.memsim`);
	const run = memsim('run', '--trace', trace, '--change', '100:strategy=first-fit', '--record', file, '--json', ...extra);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	return {trace, file, summary: JSON.parse(run.stdout)};
}

describe('sessions of a trace file', {timeout: 120_000}, () => {
	it('record the path, size and SHA-256, and replay the same', async () => {
		const {trace, file, summary} = recordTrace('plain');
		const session = await readSession(file);
		expect(session.header.workload).toMatchObject({kind: 'trace', path: trace, absolutePath: trace});
		expect((session.header.workload as {sha256: string}).sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(withoutTimings(JSON.parse(memsim('replay', file, '--json').stdout))).toEqual(withoutTimings(summary));
	});

	it('name the path and the expected SHA-256 when the trace moved, and take --trace NEWPATH', async () => {
		const {trace, file, summary} = recordTrace('moved');
		const sha = ((await readSession(file)).header.workload as {sha256: string}).sha256;
		const moved = path.join(dir, 'elsewhere.valgrind');
		renameSync(trace, moved);
		const gone = memsim('replay', file, '--json');
		expect(gone.status).toBe(2);
		expect(gone.stderr).toContain(trace);
		expect(gone.stderr).toContain(sha);
		expect(gone.stderr).toContain('--trace NEWPATH');
		expect(expectNoStack(gone.stderr)).toBe(true);
		const found = memsim('replay', file, '--json', '--trace', moved);
		expect(found.stderr).toBe('');
		// The workload is named after the file, so only the name differs.
		expect({...(withoutTimings(JSON.parse(found.stdout)) as object), workload: ''}).toEqual({...(withoutTimings(summary) as object), workload: ''});
	});

	it('refuse a trace that changed since recording', () => {
		const {trace, file} = recordTrace('changed');
		appendFileSync(trace, '==1== extra line\n');
		const changed = memsim('replay', file, '--json');
		expect(changed.status).toBe(2);
		expect(changed.stderr).toMatch(/changed since it was recorded \(expected SHA-256 [0-9a-f]{64}/);
	});

	it('with --embed, replay without the trace file', () => {
		const {trace, file, summary} = recordTrace('embedded', '--embed');
		rmSync(trace);
		const replay = memsim('replay', file, '--json');
		expect(replay.stderr).toBe('');
		expect(withoutTimings(JSON.parse(replay.stdout))).toEqual(withoutTimings(summary));
	});
});
