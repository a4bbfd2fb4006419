import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {driverOperations, prepareGlibcDriver, timeGlibc} from '../../source/bench/glibc-baseline.js';
import {InMemorySource} from '../../source/bench/in-memory-source.js';
import {openTrace} from '../../source/workloads/open-trace.js';

const hasCompiler = ['cc', 'gcc', 'clang'].some((name) => spawnSync(name, ['--version']).status === 0);

describe("glibc's replay driver", () => {
	it('is given the allocation events only, with the ids numbered from 0 in order of first use', async () => {
		const source = await InMemorySource.load(await openTrace('fixtures/traces/graph.memtrace'));
		// graph.memtrace has 16 events: 7 of them a, f or r; the rest are graph, task and tick events.
		expect(source.length).toBe(16);
		expect(driverOperations(source.batch)).toEqual({lines: ['a 0 512', 'a 1 128', 'a 2 4096', 'r 2 8192', 'f 1 0', 'f 2 0', 'f 0 0'], ids: 3});
	});

	it('has nothing to time in a trace without allocation events', async () => {
		const source = await InMemorySource.load(await openTrace('fixtures/traces/ticks.memtrace'));
		expect(source.length).toBe(2);
		expect(driverOperations(source.batch)).toEqual({lines: [], ids: 0});
		// Undefined before any compiler is asked for: the binary is never run.
		expect(timeGlibc('/nonexistent/driver', source, 3)).toBeUndefined();
	});

	it.runIf(hasCompiler)('reports a positive fastest run no slower than the median', async () => {
		const driver = prepareGlibcDriver();
		if (!('binary' in driver)) throw new Error(driver.reason);
		try {
			const source = await InMemorySource.load(await openTrace('fixtures/traces/ninja.valgrind'));
			const timing = timeGlibc(driver.binary, source, 5)!;
			expect(timing.fastest).toBeGreaterThan(0);
			expect(timing.fastest).toBeLessThanOrEqual(timing.median);
		} finally {
			driver.remove();
		}
	});
});
