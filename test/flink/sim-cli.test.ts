import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';

// End to end through the built CLI (`npm test` builds first; alone: `npx tsc -p tsconfig.json`).
const CLI = path.resolve('dist/cli.js');

function memsim(...args: string[]) {
	const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

function runJson(...args: string[]) {
	const {status, stdout, stderr} = memsim('run', '--flink', '--headless', '--json', ...args);
	expect(stderr).toBe('');
	expect(status).toBe(0);
	return JSON.parse(stdout);
}

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
});

describe('memsim run --flink', {timeout: 60_000}, () => {
	it('flink-window-nottl: reports a growth alert on the state site', () => {
		const json = runJson('--workload', 'flink-window-nottl');
		expect(json.events).toBe(200_000);
		expect(json.leaks.map((alert: {kind: string; site: string}) => [alert.kind, alert.site])).toEqual([['growth', 'window.state']]);
		expect(json.flink).toMatchObject({
			segmentSize: 32768,
			pages: 16384,
			slots: 1,
			perSlotPages: 16384,
			consumers: {STATE_BACKEND: {weight: 70, fraction: 1, pagesPerSlot: 16384}},
			network: {buffers: 4096, required: 0, available: 4096, ok: true},
			failures: [],
		});
		expect(json.flink.pagesInUse).toBeGreaterThan(0);
		expect(json.internalFragmentationBytes).toBeGreaterThan(0);
	});

	it('flink-batch-sort: ends with all pages released and no alert', () => {
		const json = runJson('--workload', 'flink-batch-sort');
		expect(json.leaks).toEqual([]);
		expect(json).toMatchObject({failures: 0, liveBytes: 0, liveBlocks: 0});
		expect(json.flink).toMatchObject({pagesInUse: 0, failureCount: 0, releasedAtTaskEnd: []});
		expect(json.flink.peakPagesInUse).toBeGreaterThan(16000);
	});

	it('sizes the heap as memsim flink computes the managed memory, to the byte, and follows -D and --slots', () => {
		const calculator = JSON.parse(memsim('flink', '-D', 'taskmanager.memory.process.size=1728m', '--json').stdout);
		const json = runJson('--workload', 'flink-window', '--events', '20000', '-D', 'taskmanager.memory.process.size=1728m', '--slots', '3');
		expect(json.flink.managedBytes).toBe(calculator.managed);
		expect(json.heapCapacity).toBe(16384 * 32768);
		expect(json.flink).toMatchObject({slots: 3, perSlotPages: 5461});
	});

	it("flink-network: fails the widest deployments with Flink's buffer message", () => {
		const json = runJson('--workload', 'flink-network', '--events', '50000');
		expect(json.failures).toBeGreaterThan(0);
		expect(json.failedRequests[0].reason).toMatch(/^Insufficient number of network buffers: required \d+, but only \d+ available\. .*'taskmanager\.memory\.network\.max'\./);
		expect(json.flink.network.ok).toBe(false);
	});

	it('adds the Flink figures to the text summary', () => {
		const {status, stdout} = memsim('run', '--flink', '--headless', '--workload', 'flink-batch-sort', '--events', '10000');
		expect(status).toBe(0);
		expect(stdout).toMatch(/^flink managed +512\.0 MiB: 16384 pages of 32\.0 KiB, 1 slot of 16384 pages$/m);
		expect(stdout).toMatch(/^flink shares per slot +OPERATOR 16384 pages \(fraction 1\), sort-orders 10921 pages \(fraction 0\.6666\), sort-lineitems 5460 pages \(fraction 0\.3333\)$/m);
	});

	it('exits 2 naming the keys of a conflicting configuration', () => {
		const {status, stdout, stderr} = memsim(
			'run', '--flink', '--headless', '--workload', 'flink-window',
			'-D', 'taskmanager.memory.flink.size=499m', '-D', 'taskmanager.memory.task.heap.size=100m', '-D', 'taskmanager.memory.managed.size=400m',
		);
		expect(status).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^memsim: Sum of configured Framework Heap Memory .* exceed configured Total Flink Memory/);
		for (const key of ['taskmanager.memory.flink.size: 499m', 'taskmanager.memory.task.heap.size: 100m', 'taskmanager.memory.managed.size: 400m']) {
			expect(stderr).toContain(key);
		}
	});

	it.each([
		[['--flink', '--heap', '1g'], /^memsim: --heap: a --flink heap is the TaskManager's managed memory/],
		[['--slots', '2'], /^memsim: --slots: only with --flink/],
		[['--flink', '--slots', '0'], /^memsim: --slots: '0' is out of range/],
		[['--flink', '-D', 'taskmanager.memory.managed.size=16k'], /less than one page of 32768 bytes/],
	])('exits 2 on %j', (args, message) => {
		const {status, stderr} = memsim('run', '--headless', '--events', '10', ...args);
		expect(status).toBe(2);
		expect(stderr).toMatch(message);
	});
});
