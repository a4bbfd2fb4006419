import type {BooleanOption, FloatOption, IntegerOption, MemoryOption} from './configuration.js';
import {LONG_MAX} from './memory-size.js';

/**
 * The memory options of Flink 1.17+ / 2.x (TaskManagerOptions, JobManagerOptions,
 * NettyShuffleEnvironmentOptions), with their defaults and the deprecated keys Flink still falls back to.
 */

const MiB = 1n << 20n;

function memory(key: string, defaultText?: string, deprecatedKeys?: readonly string[]): MemoryOption {
	return {
		type: 'memory',
		key,
		deprecatedKeys,
		defaultText,
		defaultValue: defaultText === undefined ? undefined : defaultText === 'infinite' ? LONG_MAX : parseDefault(defaultText),
	};
}

function parseDefault(text: string): bigint {
	const match = /^(\d+)([kmg]?)$/.exec(text)!;
	const shift = {'': 0n, k: 10n, m: 20n, g: 30n}[match[2] as '' | 'k' | 'm' | 'g'];
	return BigInt(match[1]!) << shift;
}

function fraction(key: string, defaultText: string, deprecatedKeys?: readonly string[]): FloatOption {
	return {type: 'float', key, defaultText, deprecatedKeys};
}

export const TaskManagerOptions = {
	totalProcess: memory('taskmanager.memory.process.size'),
	totalFlink: memory('taskmanager.memory.flink.size'),
	frameworkHeap: memory('taskmanager.memory.framework.heap.size', '128m'),
	frameworkOffHeap: memory('taskmanager.memory.framework.off-heap.size', '128m'),
	taskHeap: memory('taskmanager.memory.task.heap.size'),
	taskOffHeap: memory('taskmanager.memory.task.off-heap.size', '0'),
	// taskmanager.memory.size was the pre-1.10 managed memory option.
	managedSize: memory('taskmanager.memory.managed.size', undefined, ['taskmanager.memory.size']),
	managedFraction: fraction('taskmanager.memory.managed.fraction', '0.4'),
	// 1.10 snapshots called network memory "shuffle"; before 1.10 they were taskmanager.network.memory.*.
	// Since Flink 1.17 the maximum is unbounded (it was 1g).
	networkMin: memory('taskmanager.memory.network.min', '64m', [
		'taskmanager.memory.shuffle.min',
		'taskmanager.network.memory.min',
	]),
	networkMax: memory('taskmanager.memory.network.max', 'infinite', [
		'taskmanager.memory.shuffle.max',
		'taskmanager.network.memory.max',
	]),
	networkFraction: fraction('taskmanager.memory.network.fraction', '0.1', [
		'taskmanager.memory.shuffle.fraction',
		'taskmanager.network.memory.fraction',
	]),
	metaspace: memory('taskmanager.memory.jvm-metaspace.size', '256m'),
	overheadMin: memory('taskmanager.memory.jvm-overhead.min', '192m'),
	overheadMax: memory('taskmanager.memory.jvm-overhead.max', '1g'),
	overheadFraction: fraction('taskmanager.memory.jvm-overhead.fraction', '0.1'),
	segmentSize: memory('taskmanager.memory.segment-size', '32k'),
	/** Pre-1.10 fixed network buffer count; used only when no network min/max/fraction is set. */
	legacyNetworkBuffers: {type: 'integer', key: 'taskmanager.network.numberOfBuffers'} satisfies IntegerOption,
	/** Pre-1.10 heap size; standalone Flink 1.x reads it as Total Flink Memory when that is not set. */
	legacyHeap: memory('taskmanager.heap.size'),
	legacyHeapMb: {type: 'integer', key: 'taskmanager.heap.mb'} satisfies IntegerOption,
	consumerWeightsKey: 'taskmanager.memory.managed.consumer-weights',
} as const;

export const JobManagerOptions = {
	totalProcess: memory('jobmanager.memory.process.size'),
	totalFlink: memory('jobmanager.memory.flink.size'),
	jvmHeap: memory('jobmanager.memory.heap.size'),
	offHeap: memory('jobmanager.memory.off-heap.size', '128m'),
	metaspace: memory('jobmanager.memory.jvm-metaspace.size', '256m'),
	overheadMin: memory('jobmanager.memory.jvm-overhead.min', '192m'),
	overheadMax: memory('jobmanager.memory.jvm-overhead.max', '1g'),
	overheadFraction: fraction('jobmanager.memory.jvm-overhead.fraction', '0.1'),
	directMemoryLimit: {
		type: 'boolean',
		key: 'jobmanager.memory.enable-jvm-direct-memory-limit',
		defaultValue: false,
	} satisfies BooleanOption,
	/** Pre-1.11 heap size; standalone Flink 1.x reads it as the JVM heap when that is not set. */
	legacyHeap: memory('jobmanager.heap.size'),
	legacyHeapMb: {type: 'integer', key: 'jobmanager.heap.mb'} satisfies IntegerOption,
} as const;

/** JobManagerOptions.MIN_JVM_HEAP_SIZE: below it Flink only warns. */
export const JOB_MANAGER_MIN_JVM_HEAP = 128n * MiB;
