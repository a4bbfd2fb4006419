import {describe, expect, it} from 'vitest';
import {detectFormat} from '../../source/workloads/detect.js';
import {openTrace, sniffTraceFormat} from '../../source/workloads/open-trace.js';
import {readEvents} from './read-events.js';

const traces = 'fixtures/traces';

describe('trace format detection', () => {
	it('recognises valgrind by its ==PID== and --PID-- prefixes, with or without the banner', () => {
		expect(detectFormat(['==1== Memcheck, a memory error detector'], 'x')).toBe('valgrind');
		expect(detectFormat(['--4242-- malloc(1) = 0x10'], 'x')).toBe('valgrind');
		expect(detectFormat(['program output', '--00:00:00:00.660 3341-- malloc(1) = 0x10'], 'x')).toBe('valgrind');
	});

	it('takes leading lone integers for a malloc-lab header', () => {
		expect(detectFormat(['20000', '6', '12', '1', 'a 0 2040'], 'trace.txt')).toBe('malloc-lab');
		expect(detectFormat(['6', '12', 'a 0 2040'], 'trace.txt')).toBe('malloc-lab');
	});

	it('uses the .rep name only to break the headerless a/f/r tie', () => {
		expect(detectFormat(['a 0 16', 'f 0'], 'run.rep')).toBe('malloc-lab');
		expect(detectFormat(['a 0 16', 'f 0'], 'run.txt')).toBe('memtrace');
		expect(detectFormat(['memtrace 1', 'a 0 16'], 'odd.rep')).toBe('memtrace');
	});

	it('reads anything else as memtrace, so its parser names the bad line', () => {
		expect(detectFormat(['# comment', 'ref 1 2'], 'x')).toBe('memtrace');
		expect(detectFormat(['hello world'], 'x')).toBe('memtrace');
		expect(detectFormat([], 'empty')).toBe('memtrace');
	});

	it.each([
		['sort.valgrind', 'valgrind'],
		['sort.valgrind.gz', 'valgrind'],
		['ninja.valgrind', 'valgrind'],
		['short1-bal.rep', 'malloc-lab'],
		['gzipped-without-suffix.rep', 'malloc-lab'],
		['two-line-header.rep', 'malloc-lab'],
		['graph.memtrace', 'memtrace'],
		['graph.memtrace.gz', 'memtrace'],
		['blocks.memtrace', 'memtrace'],
	])('sniffs %s as %s', async (file, format) => {
		expect(await sniffTraceFormat(`${traces}/${file}`)).toBe(format);
	});

	it('opens each format through one call', async () => {
		const valgrind = await openTrace(`${traces}/awk.valgrind`);
		await readEvents(valgrind);
		expect(valgrind.expectedInUse).toEqual({bytes: 14_504, blocks: 6});
		const rep = await openTrace(`${traces}/short1-bal.rep`);
		expect((await readEvents(rep)).length).toBe(12);
		expect(rep.expectedInUse).toBeUndefined();
		const memtrace = await openTrace(`${traces}/graph.memtrace.gz`);
		expect(memtrace.hasGraph).toBe(true);
		expect((await readEvents(memtrace)).length).toBe(16);
	});

	it('reports a missing file before detection', async () => {
		await expect(openTrace('nowhere/trace.log')).rejects.toThrow('nowhere/trace.log: no such file');
	});
});
