import {describe, expect, it} from 'vitest';
import {onCpu, parseCpuList} from '../../source/bench/cpu-affinity.js';

describe('pinning a bench round to a CPU', () => {
	it('expands the affinity list taskset prints, ranges included', () => {
		expect(parseCpuList('0,1')).toEqual([0, 1]);
		expect(parseCpuList('0-3,8,10-11\n')).toEqual([0, 1, 2, 3, 8, 10, 11]);
		expect(parseCpuList('5')).toEqual([5]);
	});

	it('reads an affinity list it does not understand as no CPUs, so the bench runs unpinned', () => {
		expect(parseCpuList('')).toEqual([]);
		expect(parseCpuList('0-1,x')).toEqual([]);
		expect(parseCpuList('ff')).toEqual([]);
	});

	it('runs a command through taskset on the CPU given, and as it is with none', () => {
		expect(onCpu(1, '/usr/bin/node', ['cell.js', 'a'])).toEqual(['taskset', ['-c', '1', '/usr/bin/node', 'cell.js', 'a']]);
		expect(onCpu(undefined, '/tmp/replay', ['ops.txt', '102'])).toEqual(['/tmp/replay', ['ops.txt', '102']]);
	});
});
