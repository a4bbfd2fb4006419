import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readSession} from '../../source/recording/reader.js';
import {timingKeys, withoutTimings} from '../../source/recording/summary-compare.js';
import {expectNoStack, memsim, requireBuild, sleep, startMemsim} from './helpers.js';

let dir: string;
beforeAll(() => {
	requireBuild();
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-record-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const twoChanges = ['--workload', 'leaky', '--seed', '4', '--events', '150000', '--change', '50000:strategy=best-fit', '--change', '100000:coalescing=deferred'];

describe('memsim run --record, then memsim replay', {timeout: 120_000}, () => {
	it('replays a run with two --change to the summary it recorded (timings aside)', async () => {
		const file = path.join(dir, 'two.memsim');
		const run = memsim('run', ...twoChanges, '--record', file, '--json');
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const recorded = JSON.parse(run.stdout);
		const replay = memsim('replay', file, '--headless', '--json');
		expect(replay.stderr).toBe('');
		expect(replay.status).toBe(0);
		const replayed = JSON.parse(replay.stdout);
		// eventsPerSec is the one timing in the summary: it differs between any two runs.
		expect([...timingKeys]).toContain('eventsPerSec');
		expect(withoutTimings(replayed)).toEqual(withoutTimings(recorded));
		// The file: the header, both changes at their events, snapshots, and the end line with that summary.
		const session = await readSession(file);
		expect(session.problem).toBeUndefined();
		expect(session.header.workload).toEqual({kind: 'generator', name: 'leaky', seed: 4, events: 150000});
		expect(session.timeline.filter((line) => line.type === 'change').map((line) => [line.event, (line as {key: string}).key])).toEqual([
			[50000, 'strategy'],
			[100000, 'coalescing'],
		]);
		expect(session.timeline.filter((line) => line.type === 'snapshot').length).toBeGreaterThan(5);
		expect(session.end).toMatchObject({reason: 'finished', event: 150000});
		expect(withoutTimings(session.end!.summary)).toEqual(withoutTimings(recorded));
		// A recording does not change the run.
		const unrecorded = JSON.parse(memsim('run', ...twoChanges, '--json').stdout);
		expect(withoutTimings(unrecorded)).toEqual(withoutTimings(recorded));
	});

	it('says the text replay matches, and a "what if" override differs, shown by memsim diff', () => {
		const file = path.join(dir, 'base.memsim');
		expect(memsim('run', ...twoChanges, '--record', file, '--headless').status).toBe(0);
		const text = memsim('replay', file, '--headless');
		expect(text.stdout).toContain('same as the recorded summary (timings aside)');

		const whatIf = memsim('replay', file, '--headless', '--json', '--strategy', 'first-fit', '--heap', '8m');
		expect(whatIf.status).toBe(0);
		expect(JSON.parse(whatIf.stdout).heapCapacity).toBe(8 * 1024 * 1024);

		const other = path.join(dir, 'other.memsim');
		expect(memsim('run', ...twoChanges, '--heap', '8m', '--record', other, '--headless').status).toBe(0);
		const diff = memsim('diff', file, other);
		expect(diff.status).toBe(0);
		expect(diff.stdout).toMatch(/^\* heapCapacity +67108864 +8388608/m);
		expect(diff.stdout).toMatch(/figures differ \(timings aside\)/);
		expect(diff.stdout).toContain('parameters and changes that differ:');
		const json = JSON.parse(memsim('diff', file, file, '--json').stdout);
		expect(json.differences).toEqual([]);
	});

	it('replays changes at event 0 and a --flink run to their recorded summaries', () => {
		for (const [name, args] of [
			['zero', ['--workload', 'tree-churn', '--events', '60000', '--heap', '1m', '--change', '0:gc=mark-sweep', '--change', '0:gc-trigger=50', '--change', '0:strategy=best-fit', '--change', '30000:collect']],
			['flink', ['--workload', 'flink-batch-sort', '--events', '60000', '--flink', '--slots', '2']],
		] as const) {
			const file = path.join(dir, `${name}.memsim`);
			const recorded = memsim('run', ...args, '--record', file, '--json');
			expect(recorded.status).toBe(0);
			const replayed = memsim('replay', file, '--json');
			expect(replayed.stderr).toBe('');
			expect(withoutTimings(JSON.parse(replayed.stdout))).toEqual(withoutTimings(JSON.parse(recorded.stdout)));
		}
	});

	it('reports an unwritable path before the run starts, and a full disk as it happens', () => {
		const missing = memsim('run', '--workload', 'uniform', '--events', '1000', '--record', path.join(dir, 'no/such/dir/x.memsim'), '--json');
		expect(missing.status).toBe(2);
		expect(missing.stdout).toBe('');
		expect(missing.stderr).toMatch(/^memsim: cannot record to .*no\/such\/dir\/x\.memsim: no such file or directory\n$/);
		const asDirectory = memsim('run', '--workload', 'uniform', '--events', '1000', '--record', dir, '--json');
		expect(asDirectory.stderr).toMatch(/is a directory/);
		if (existsSync('/dev/full')) {
			const full = memsim('run', '--workload', 'uniform', '--events', '1000', '--record', '/dev/full', '--json');
			expect(full.status).toBe(2);
			expect(full.stdout).toBe('');
			expect(full.stderr).toMatch(/recording stopped: \/dev\/full: no space left on the device/);
			expect(expectNoStack(full.stderr)).toBe(true);
		}
		expect(memsim('run', '--workload', 'uniform', '--embed', '--json').stderr).toMatch(/--embed: only with --record FILE/);
	});

	it('loads a recording killed with SIGKILL halfway up to its last complete line, with a warning', async () => {
		const file = path.join(dir, 'killed.memsim');
		const child = startMemsim('run', '--workload', 'uniform', '--events', '100000000', '--record', file, '--json');
		// Wait for the header, then for a second's flush of snapshots, then kill -9.
		const started = Date.now();
		let size = 0;
		while (Date.now() - started < 20_000) {
			await sleep(100);
			const now = existsSync(file) ? statSync(file).size : 0;
			if (size > 0 && now > size) break;
			if (size === 0 && now > 0) size = now;
		}
		await sleep(300);
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		const session = await readSession(file);
		expect(session.end).toBeUndefined();
		expect(session.lastEvent).toBeGreaterThan(0);
		const replay = memsim('replay', file, '--headless', '--json');
		expect(replay.status).toBe(0);
		expect(replay.stderr).toMatch(new RegExp(`killed\\.memsim(:\\d+)?: .*(stops after line \\d+|reading stopped at line \\d+).*up to event ${session.lastEvent.toLocaleString('en-US')}`));
		expect(JSON.parse(replay.stdout).events).toBe(session.lastEvent);
	}, 60_000);

	it('finishes the file properly on SIGINT and SIGTERM, and the replay matches it', async () => {
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			const file = path.join(dir, `${signal}.memsim`);
			const child = startMemsim('run', '--workload', 'tree-churn', '--events', '100000000', '--record', file, '--json');
			let stdout = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			const started = Date.now();
			while (Date.now() - started < 20_000 && !(existsSync(file) && statSync(file).size > 0)) await sleep(100);
			await sleep(1500);
			child.kill(signal);
			const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
			expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
			const session = await readSession(file);
			expect(session.problem).toBeUndefined();
			expect(session.end?.reason).toBe('interrupted');
			expect(withoutTimings(JSON.parse(stdout))).toEqual(withoutTimings(session.end!.summary));
			const replay = JSON.parse(memsim('replay', file, '--headless', '--json').stdout);
			expect(withoutTimings(replay)).toEqual(withoutTimings(session.end!.summary));
		}
	}, 90_000);
});
