import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCompareCell} from '../../source/commands/compare-cell.js';
import {buildParams} from '../../source/commands/run-options.js';

// End to end through the built CLI (`npm test` builds first): compare's cells run in child processes.
const CLI = path.resolve('dist/cli.js');
const compare = (...args: string[]) => spawnSync(process.execPath, [CLI, 'compare', ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});

describe('memsim compare', {timeout: 60_000}, () => {
	it('prints one object per trace and strategy, in order, with the figures a run in this process gives', async () => {
		const traces = ['fixtures/traces/sort.valgrind', 'fixtures/traces/short1-bal.rep'];
		const result = compare('--trace', ...traces, '--strategies', 'best-fit,buddy', '--json');
		expect(result.status).toBe(0);
		const rows = JSON.parse(result.stdout) as Array<Record<string, number | string>>;
		expect(rows.map(r => `${r['trace']} ${r['strategy']}`)).toEqual([
			'sort.valgrind best-fit',
			'sort.valgrind buddy',
			'short1-bal.rep best-fit',
			'short1-bal.rep buddy',
		]);
		const params = buildParams({heap: 'grow'});
		for (const [i, row] of rows.entries()) {
			const local = await runCompareCell({trace: traces[i >> 1]!, strategy: String(row['strategy']), params});
			expect(row['peakUtilization']).toBe(local.peakUtilization);
			expect(row['failures']).toBe(local.failures);
			expect(row['externalFragmentation']).toBe(local.externalFragmentation);
			expect(row['eventsPerSec']).toBeGreaterThan(0);
		}
	});

	it('names the file and line of a malformed trace and exits 2, without a stack trace', () => {
		const result = compare('--trace', 'fixtures/traces/sort.valgrind', 'fixtures/traces/bad-op.rep', '--strategies', 'tlsf', '--json');
		expect(result.status).toBe(2);
		expect(result.stderr).toContain("fixtures/traces/bad-op.rep:6: unknown operation 'x'");
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(result.stdout).toBe('');
	});
});
