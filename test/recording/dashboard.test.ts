import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readSession} from '../../source/recording/reader.js';
import {withoutTimings} from '../../source/recording/summary-compare.js';
import {spawnCli} from '../helpers/pty.js';
import {memsim, requireBuild, sleep} from './helpers.js';

let dir: string;
beforeAll(() => {
	requireBuild();
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-dashboard-rec-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('recording from the dashboard', {timeout: 120_000}, () => {
	it('shows ● REC while recording; R stops and starts a new file; both replay to what they recorded', async () => {
		const first = path.join(dir, 'live.memsim');
		const second = path.join(dir, 'live-2.memsim');
		const run = spawnCli(['run', '--workload', 'leaky', '--events', '5000000', '--record', first], 130, 40);
		try {
			await run.waitFor(/● REC memsim leaky/);
			await run.waitFor(`recording to ${first}`);
			run.press('+++');
			await sleep(1500);
			run.press('s');
			await run.waitFor(/change +strategy tlsf -> /);
			await sleep(500);
			run.press('R');
			await run.waitFor(`recording saved: ${first}`);
			expect(run.screen()).not.toContain('● REC');
			run.press('s');
			await sleep(800);
			run.press('R');
			await run.waitFor(`recording to ${second}`);
			await sleep(1000);
			run.press('g');
			await sleep(800);
			run.press('q');
			const exit = await run.exited;
			expect(exit.exitCode).toBe(0);
		} finally {
			run.kill();
		}
		for (const file of [first, second]) {
			expect(existsSync(file)).toBe(true);
			const session = await readSession(file);
			expect(session.problem).toBeUndefined();
			expect(session.end?.reason).toBe('stopped');
			const replay = memsim('replay', file, '--headless', '--json');
			expect(replay.stderr).toBe('');
			expect(withoutTimings(JSON.parse(replay.stdout))).toEqual(withoutTimings(session.end!.summary));
		}
		// The second file began mid-run: it starts from the run's first parameters and repeats the changes before it.
		const second_ = await readSession(second);
		expect(second_.header.startEvent).toBeGreaterThan(0);
		expect(second_.header.params.strategy).toBe('tlsf');
		expect(second_.timeline.filter((line) => line.type === 'change' && line.event <= second_.header.startEvent).length).toBe(2);
	}, 90_000);
});

describe('review mode (memsim replay in a terminal)', {timeout: 120_000}, () => {
	it('shows the timeline, seeks with end, p and home, and refuses parameter keys', async () => {
		const review = spawnCli(['replay', 'fixtures/sessions/two-changes.memsim'], 130, 40);
		try {
			await review.waitFor(/REVIEW memsim uniform/, 30_000);
			await review.waitFor(/\] #\d[\d,]* \/ #60,000/);
			review.press(' ');
			review.press('\u001B[F');
			await review.waitFor(/#60,000 \/ #60,000 100\.0%/);
			await review.waitFor('■ finished');
			review.press('p');
			await review.waitFor(/\] #40,000 \/ #60,000 +66\.7%/);
			expect(review.screen()).toMatch(/#20,000 note +strategy tlsf -> best-fit \(user\)|#20,000 note +strategy tlsf -> best-fit/);
			review.press('s');
			await review.waitFor('review mode replays the recorded changes');
			review.press('\u001B[H');
			await review.waitFor(/\] #0 \/ #60,000 +0\.0%/);
			// The help lists review's own keys next to the dashboard's, from the table the keys match on.
			review.press('?');
			await review.waitFor('to the next mark (change, alert, collection)');
			expect(review.screen()).toMatch(/Review/);
			expect(review.screen()).toMatch(/shift-← +back a tenth of the recording/);
			review.press('?');
			review.press('q');
			expect((await review.exited).exitCode).toBe(0);
		} finally {
			review.kill();
		}
	}, 90_000);
});
