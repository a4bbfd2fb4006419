import {beforeAll, describe, expect, it} from 'vitest';
import {expectNoStack, memsim, requireBuild} from './helpers.js';

beforeAll(requireBuild);

const commands: Array<[string, (file: string) => string[]]> = [
	['replay', (file) => ['replay', file, '--headless', '--json']],
	['report', (file) => ['report', file, '--md']],
	['diff', (file) => ['diff', file, 'fixtures/sessions/two-changes.memsim']],
	['export', (file) => ['export', file, '--cast', '/dev/null']],
];

describe('bad session files: a clear message with the line, never a stack trace', {timeout: 120_000}, () => {
	for (const [name, args] of commands) {
		it(`${name}: a cut-off file replays what it holds and says where reading stopped`, () => {
			const result = memsim(...args('fixtures/sessions/truncated.memsim'));
			expect(result.status).toBe(0);
			expect(result.stderr).toMatch(/truncated\.memsim:18: reading stopped at line 18: the line is cut off .*using the 17 complete lines before it, up to event 30,000/);
			expect(expectNoStack(result.stderr)).toBe(true);
		});

		it(`${name}: a corrupted line stops reading there, keeping what came before`, () => {
			const result = memsim(...args('fixtures/sessions/corrupted.memsim'));
			expect(result.status).toBe(0);
			expect(result.stderr).toMatch(/corrupted\.memsim:18: reading stopped at line 18: the line is not JSON/);
		});

		it(`${name}: a future format, not a session, or no file at all exits 2 with one line`, () => {
			for (const [file, message] of [
				['fixtures/sessions/future-version.memsim', /future-version\.memsim:1: session format 99 \(written by memsim 9\.0\.0\) is newer than this memsim/],
				['fixtures/sessions/not-a-session.memsim', /not-a-session\.memsim: not a memsim session/],
				['fixtures/sessions/missing.memsim', /missing\.memsim: no such file or directory/],
			] as const) {
				const result = memsim(...args(file));
				expect(result.status).toBe(2);
				expect(result.stderr).toMatch(message);
				expect(result.stderr.trim().split('\n').filter((line) => line.startsWith('memsim:')).length).toBeGreaterThanOrEqual(1);
				expect(expectNoStack(result.stderr)).toBe(true);
			}
		});
	}

	it('the cut-off replay stops at the last event the file names', () => {
		const result = memsim('replay', 'fixtures/sessions/truncated.memsim', '--json');
		expect(JSON.parse(result.stdout).events).toBe(30000);
	});
});
