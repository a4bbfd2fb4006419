import {describe, expect, it} from 'vitest';
import {readManagedMemoryConsumerWeights, readSegmentSize} from '../../source/flink/managed-memory.js';
import {conf, configError} from './helpers.js';

describe('managed memory pages and consumers', () => {
	it('reads the segment size, 32kb by default', () => {
		// Source: TaskManagerOptions.MEMORY_SEGMENT_SIZE (default 32kb) and ConfigurationParserUtils.getPageSize checks.
		expect(readSegmentSize(conf({}))).toBe(32768n);
		expect(readSegmentSize(conf({'taskmanager.memory.segment-size': '64kb'}))).toBe(65536n);
		expect(configError(() => readSegmentSize(conf({'taskmanager.memory.segment-size': '1k'}))).message).toBe(
			'Invalid configuration value for taskmanager.memory.segment-size : 1024 - Minimum memory segment size is 4096',
		);
		expect(configError(() => readSegmentSize(conf({'taskmanager.memory.segment-size': '5000'}))).message).toContain(
			'Memory segment size must be a power of 2.',
		);
	});

	it('reads consumer weights, OPERATOR:70,STATE_BACKEND:70,PYTHON:30 by default', () => {
		// Source: TaskManagerOptions.MANAGED_MEMORY_CONSUMER_WEIGHTS and ManagedMemoryUtilsTest (DATAPROC fallback).
		expect(Object.fromEntries(readManagedMemoryConsumerWeights(conf({})))).toEqual({OPERATOR: 70, STATE_BACKEND: 70, PYTHON: 30});
		const key = 'taskmanager.memory.managed.consumer-weights';
		expect(Object.fromEntries(readManagedMemoryConsumerWeights(conf({[key]: 'DATAPROC:4,PYTHON:1'})))).toEqual({
			OPERATOR: 4,
			STATE_BACKEND: 4,
			PYTHON: 1,
		});
		expect(Object.fromEntries(readManagedMemoryConsumerWeights(conf({[`${key}.OPERATOR`]: '10'})))).toEqual({OPERATOR: 10});
		expect(configError(() => readManagedMemoryConsumerWeights(conf({[key]: 'OPERATOR:-1'}))).message).toContain(
			'Managed memory weight should not be negative. Configured weight for OPERATOR is -1.',
		);
	});
});
