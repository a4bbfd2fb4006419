import {describe, expect, it} from 'vitest';
import {computeTaskManagerMemory} from '../../source/flink/taskmanager-memory.js';
import {conf, configError} from './helpers.js';

const TM = 'taskmanager.memory';

const BASES = [
	{[`${TM}.task.heap.size`]: '100m', [`${TM}.managed.size`]: '200m'},
	{[`${TM}.flink.size`]: '1280m'},
	{[`${TM}.flink.size`]: '1280m', [`${TM}.task.heap.size`]: '100m'},
	{[`${TM}.flink.size`]: '1280m', [`${TM}.managed.size`]: '200m'},
	{[`${TM}.process.size`]: '1536m'},
];

function failure(entries: Record<string, string>) {
	return configError(() => computeTaskManagerMemory(conf(entries)));
}

describe('TaskManager configurations Flink refuses', () => {
	it('needs one of the three ways to be configured', () => {
		// Source: TaskExecutorProcessUtilsTest.testExceptionShouldContainRequiredConfigOptions.
		const error = failure({});
		expect(error.message).toContain('need to be configured explicitly');
		for (const key of ['task.heap.size', 'managed.size', 'flink.size', 'process.size']) {
			expect(error.message).toContain(`${TM}.${key}`);
		}
	});

	it('refuses configured parts that exceed Total Flink Memory, naming them', () => {
		// Source: TaskExecutorProcessUtilsTest.testFlinkInternalMemorySizeAddUpFailure.
		const error = failure({
			[`${TM}.flink.size`]: '499m',
			[`${TM}.framework.heap.size`]: '100m',
			[`${TM}.task.heap.size`]: '100m',
			[`${TM}.task.off-heap.size`]: '100m',
			[`${TM}.network.min`]: '100m',
			[`${TM}.network.max`]: '100m',
			[`${TM}.managed.size`]: '100m',
		});
		expect(error.message).toMatch(
			/^Sum of configured Framework Heap Memory \(100\.000mb \(104857600 bytes\)\), Framework Off-Heap Memory \(128\.000mb \(134217728 bytes\)\), Task Heap Memory \(100\.000mb \(104857600 bytes\)\), Task Off-Heap Memory \(100\.000mb \(104857600 bytes\)\) and Managed Memory \(100\.000mb \(104857600 bytes\)\) exceed configured Total Flink Memory \(499\.000mb \(523239424 bytes\)\)\./,
		);
		expect(error.message).toContain('taskmanager.memory.flink.size: 499m');
		expect(error.message).toContain('taskmanager.memory.framework.off-heap.size: default 128m');
		expect(error.keys).toEqual(expect.arrayContaining([`${TM}.flink.size`, `${TM}.task.heap.size`, `${TM}.managed.size`]));
	});

	it('refuses managed and network fractions that add up to more than Total Flink Memory', () => {
		// Source: TaskExecutorProcessUtilsTest.testFlinkInternalMemoryFractionAddUpFailure (0.6 and 0.6).
		for (const base of [BASES[1]!, BASES[4]!]) {
			const error = failure({...base, [`${TM}.network.fraction`]: '0.6', [`${TM}.managed.fraction`]: '0.6'});
			expect(error.message).toContain(') and Network Memory (');
			expect(error.message).toContain('exceed configured Total Flink Memory');
			expect(error.keys).toEqual(expect.arrayContaining([`${TM}.managed.fraction`, `${TM}.network.fraction`]));
		}
	});

	it('refuses a derived network below its minimum or above its maximum', () => {
		// Source: TaskExecutorProcessUtilsTest.testConsistencyCheckOfDerivedNetworkMemoryLessThanMinFails and
		// ...GreaterThanMaxFails (setupConfigWithFlinkAndTaskHeapToDeriveGivenNetworkMem(500): task heap 324m).
		const derive500 = {[`${TM}.flink.size`]: '1280m', [`${TM}.task.heap.size`]: '324m', [`${TM}.managed.size`]: '200m'};
		const below = failure({...derive500, [`${TM}.network.min`]: '900m', [`${TM}.network.max`]: '1000m'});
		expect(below.message).toContain(
			'If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest',
		);
		expect(below.message).toContain(
			'Derived Network Memory size (500.000mb (524288000 bytes)) is not in configured Network Memory range [900.000mb (943718400 bytes), 1000.000mb (1048576000 bytes)].',
		);
		const above = failure({...derive500, [`${TM}.network.min`]: '100m', [`${TM}.network.max`]: '150m'});
		expect(above.message).toContain('is not in configured Network Memory range');
		expect(above.keys).toEqual(expect.arrayContaining([`${TM}.network.min`, `${TM}.network.max`, `${TM}.task.heap.size`]));
	});

	it('refuses a derived network that differs from the legacy buffer count', () => {
		// Source: TaskExecutorProcessUtilsTest.testConsistencyCheckOfDerivedNetworkMemoryDoesNotMatchLegacyConfigFails
		// (16m pages × 10 buffers, derived network 176m: task heap 648m).
		const error = failure({
			[`${TM}.flink.size`]: '1280m',
			[`${TM}.task.heap.size`]: '648m',
			[`${TM}.managed.size`]: '200m',
			[`${TM}.segment-size`]: '16m',
			'taskmanager.network.numberOfBuffers': '10',
		});
		expect(error.message).toContain(
			'Derived Network Memory size (176.000mb (184549376 bytes)) does not match configured Network Memory size (160.000mb (167772160 bytes)).',
		);
	});

	it.each([
		['network', `${TM}.network.min`, `${TM}.network.max`],
		['JVM overhead', `${TM}.jvm-overhead.min`, `${TM}.jvm-overhead.max`],
	])('refuses a %s minimum above its maximum in every configuration', (_, minKey, maxKey) => {
		// Source: TaskExecutorProcessUtilsTest.testConfigNetworkMemoryRangeFailure and
		// ProcessMemoryUtilsTestBase.testConfigJvmOverheadRangeFailure (min 200m, max 50m). Where network is a rest
		// (total Flink and task heap set), Flink wraps the reason in its "derived Network Memory" message.
		for (const base of BASES) {
			const error = failure({...base, [minKey]: '200m', [maxKey]: '50m'});
			expect(error.reason).toMatch(/(^|Cause: )Inconsistently configured taskmanager\.memory\.[a-z.-]+\.fraction/);
			expect(error.message).toContain('min value must be less or equal to max value');
			expect(error.keys).toEqual(expect.arrayContaining([minKey, maxKey]));
		}
	});

	it.each([
		['network', `${TM}.network.fraction`, BASES],
		['JVM overhead', `${TM}.jvm-overhead.fraction`, BASES],
		['managed', `${TM}.managed.fraction`, [BASES[1]!, BASES[2]!, BASES[4]!]],
	])('refuses a %s fraction outside [0, 1)', (_, key, bases) => {
		// Source: TaskExecutorProcessUtilsTest.testConfigNetworkMemoryFractionFailure, testConfigManagedMemoryFractionFailure
		// and ProcessMemoryUtilsTestBase.testConfigJvmOverheadFractionFailureNegative / ...NoLessThanOne.
		for (const base of bases) {
			for (const fraction of ['-0.1', '1.0']) {
				const error = failure({...base, [key]: fraction});
				expect(error.message).toContain('fraction must be in range [0, 1)');
				expect(error.keys).toContain(key);
			}
		}
	});

	it('refuses a Total Process Memory whose derived JVM overhead leaves its range', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmOverheadDeriveFromProcessAndFlinkMemorySizeFailure.
		const error = failure({
			[`${TM}.process.size`]: '1000m',
			[`${TM}.flink.size`]: '800m',
			[`${TM}.jvm-metaspace.size`]: '100m',
			[`${TM}.jvm-overhead.min`]: '150m',
			[`${TM}.jvm-overhead.max`]: '200m',
			[`${TM}.jvm-overhead.fraction`]: '0.5',
		});
		expect(error.message).toMatch(
			/^Derived JVM Overhead size \(100\.000mb \(104857600 bytes\)\) is not in configured JVM Overhead range \[150\.000mb \(157286400 bytes\), 200\.000mb \(209715200 bytes\)\]\. Options involved: taskmanager\.memory\.process\.size: 1000m, taskmanager\.memory\.flink\.size: 800m/,
		);
	});

	it('refuses Total Flink and Total Process Memory that do not add up', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalProcessMemoryAddUpFailure (699m = 500m + 100m + 100m − 1m).
		// A TaskManager splits Total Flink Memory before it looks at the JVM parts, and with the default
		// fractions 500m cannot hold 2 × 128m + 200m managed + 64m network, so Flink fails there first.
		const error = failure({
			[`${TM}.process.size`]: '699m',
			[`${TM}.flink.size`]: '500m',
			[`${TM}.jvm-metaspace.size`]: '100m',
			[`${TM}.jvm-overhead.min`]: '100m',
			[`${TM}.jvm-overhead.max`]: '100m',
		});
		expect(error.reason).toBe(
			'Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb ' +
				'(134217728 bytes)), Task Off-Heap Memory (0 bytes), Managed Memory (200.000mb (209715203 bytes)) and Network ' +
				'Memory (64.000mb (67108864 bytes)) exceed configured Total Flink Memory (500.000mb (524288000 bytes)).',
		);
		expect(error.keys).toEqual(expect.arrayContaining([`${TM}.flink.size`, `${TM}.managed.fraction`]));
		// With the managed fraction out of the way it is the JVM overhead that does not fit: 699 − 500 − 100 = 99m.
		const overhead = failure({
			[`${TM}.process.size`]: '699m',
			[`${TM}.flink.size`]: '500m',
			[`${TM}.managed.fraction`]: '0.1',
			[`${TM}.jvm-metaspace.size`]: '100m',
			[`${TM}.jvm-overhead.min`]: '100m',
			[`${TM}.jvm-overhead.max`]: '100m',
		});
		expect(overhead.reason).toBe(
			'Derived JVM Overhead size (99.000mb (103809024 bytes)) is not in configured JVM Overhead range [100.000mb (104857600 bytes), 100.000mb (104857600 bytes)].',
		);
		expect(overhead.keys).toEqual(expect.arrayContaining([`${TM}.process.size`, `${TM}.flink.size`, `${TM}.jvm-overhead.min`]));
	});

	it('refuses a Total Process Memory smaller than Total Flink Memory plus metaspace', () => {
		// Source: ProcessMemoryUtils.deriveJvmOverheadFromTotalFlinkMemoryAndOtherComponents (Flink's own double space kept).
		const error = failure({[`${TM}.process.size`]: '1g', [`${TM}.flink.size`]: '1g'});
		expect(error.message).toContain(
			'The configured Total Process Memory size (1024.000mb (1073741824 bytes)) is less than the sum of the derived Total Flink Memory size (1024.000mb (1073741824 bytes)) and the configured or default JVM Metaspace size  (256.000mb (268435456 bytes)).',
		);
	});

	it('refuses metaspace and overhead larger than Total Process Memory', () => {
		// Source: ProcessMemoryUtils.deriveJvmMetaspaceAndOverheadWithTotalProcessMemory: 256m + 192m > 400m.
		const error = failure({[`${TM}.process.size`]: '400m'});
		expect(error.message).toMatch(/^Sum of configured JVM Metaspace \(256\.000mb .*exceed configured Total Process Memory \(400\.000mb/);
		expect(error.keys).toEqual(expect.arrayContaining([`${TM}.process.size`, `${TM}.jvm-metaspace.size`]));
	});

	it('refuses sizes Flink cannot parse, naming the key', () => {
		// Source: MemorySize.parseBytes and ProcessMemoryUtils.getMemorySizeFromConfig messages.
		const error = failure({[`${TM}.process.size`]: '1.5g'});
		expect(error.message).toContain("Cannot read memory size from config option 'taskmanager.memory.process.size'");
		expect(error.message).toContain("Memory size unit '.5g' does not match any of the recognized units");
		expect(failure({[`${TM}.process.size`]: '2g', [`${TM}.managed.fraction`]: 'lots'}).message).toBe(
			"Could not parse value 'lots' for key 'taskmanager.memory.managed.fraction'.",
		);
	});
});
