import {describe, expect, it} from 'vitest';
import {computeJobManagerMemory, type JobManagerMemory} from '../../source/flink/jobmanager-memory.js';
import {multiplySize} from '../../source/flink/memory-size.js';
import {conf, configError, GiB, MiB} from './helpers.js';

const JM = 'jobmanager.memory';

// The four base configurations of Flink's JobManagerProcessUtilsTest: JVM_HEAP_SIZE 1152m,
// TOTAL_FLINK_MEM_SIZE 1280m, TOTAL_PROCESS_MEM_SIZE 1536m.
const BASES = {
	'explicit JVM heap': {[`${JM}.heap.size`]: '1152m'},
	'explicit total Flink': {[`${JM}.flink.size`]: '1280m'},
	'explicit total Flink and JVM heap': {[`${JM}.flink.size`]: '1280m', [`${JM}.heap.size`]: '1152m'},
	'explicit total process': {[`${JM}.process.size`]: '1536m'},
} as const;
type Base = keyof typeof BASES;
const ALL = Object.keys(BASES) as Base[];

function inBase(base: Base, custom: Record<string, string>): JobManagerMemory {
	const memory = computeJobManagerMemory(conf({...BASES[base], ...custom}));
	if (base.includes('JVM heap')) expect(memory.jvmHeap).toBe(1152n * MiB);
	if (base.includes('total Flink')) expect(memory.totalFlink).toBe(1280n * MiB);
	if (base === 'explicit total process') expect(memory.totalProcess).toBe(1536n * MiB);
	expect(memory.totalFlink).toBe(memory.jvmHeap + memory.offHeap);
	expect(memory.totalProcess).toBe(memory.totalFlink + memory.metaspace + memory.overhead);
	return memory;
}

function failure(entries: Record<string, string>) {
	return configError(() => computeJobManagerMemory(conf(entries)));
}

describe('JobManager memory model', () => {
	it('splits the default 1600m process exactly as Flink does', () => {
		// Source: the default `jobmanager.memory.process.size: 1600m` of flink-dist's configuration; Flink's web UI
		// shows JVM Heap 1024mb, Off-Heap 128mb, Metaspace 256mb, Overhead 192mb for it.
		const memory = computeJobManagerMemory(conf({[`${JM}.process.size`]: '1600m'}));
		expect([memory.jvmHeap, memory.offHeap, memory.metaspace, memory.overhead, memory.totalFlink, memory.totalProcess]).toEqual([
			GiB,
			128n * MiB,
			256n * MiB,
			192n * MiB,
			1152n * MiB,
			1600n * MiB,
		]);
		// The direct memory limit is off by default (docs: jobmanager.memory.enable-jvm-direct-memory-limit).
		expect(memory.jvmArgs.commandLine).toBe('-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456');
	});

	it('derives from Total Process Memory with Flink float arithmetic', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalProcessMemorySize (2g); overhead 0.1f × 2g = 214748368.
		const memory = computeJobManagerMemory(conf({[`${JM}.process.size`]: '2g'}));
		expect([memory.overhead, memory.jvmHeap, memory.totalProcess]).toEqual([214748368n, 1530082096n, 2n * GiB]);
	});

	it('derives from Total Flink Memory', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalFlinkMemory (1g).
		const memory = computeJobManagerMemory(conf({[`${JM}.flink.size`]: '1g'}));
		expect([memory.totalFlink, memory.jvmHeap, memory.offHeap]).toEqual([GiB, 896n * MiB, 128n * MiB]);
	});

	it('takes an explicit JVM heap and warns when it is below 128m', () => {
		// Source: JobManagerProcessUtilsTest.testConfigJvmHeapMemory and testLogFailureOfJvmHeapSizeMinSizeVerification (50m).
		const memory = computeJobManagerMemory(conf({[`${JM}.heap.size`]: '50m'}));
		expect(memory.jvmHeap).toBe(50n * MiB);
		expect(memory.jvmArgs.heap).toBe(50n * MiB);
		expect(memory.warnings[0]).toContain('is less than its recommended minimum value');
	});

	it('takes an explicit off-heap size where Total Flink and heap do not fix it', () => {
		// Source: JobManagerProcessUtilsTest.testConfigOffHeapMemory (100m).
		for (const base of ['explicit JVM heap', 'explicit total Flink', 'explicit total process'] as Base[]) {
			const memory = inBase(base, {[`${JM}.off-heap.size`]: '100m', [`${JM}.enable-jvm-direct-memory-limit`]: 'true'});
			expect(memory.offHeap).toBe(100n * MiB);
			expect(memory.jvmArgs.maxDirectMemory).toBe(100n * MiB);
		}
	});

	it('derives off-heap as Total Flink Memory minus the JVM heap', () => {
		// Source: JobManagerProcessUtilsTest.testOffHeapMemoryDerivedFromJvmHeapAndTotalFlinkMemory (150m + 100m + 128m).
		const memory = computeJobManagerMemory(conf({[`${JM}.flink.size`]: '378m', [`${JM}.heap.size`]: '150m'}));
		expect(memory.offHeap).toBe(228n * MiB);
		expect(memory.sources.offHeap.how).toBe('Total Flink − JVM Heap');
	});

	it('applies metaspace, the overhead range and the overhead fraction in every configuration', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmMetaspaceSize (50m), testConfigJvmOverheadRange (50m–200m)
		// and testConfigJvmOverheadFraction (0–1t, 0.2).
		for (const base of ALL) {
			expect(inBase(base, {[`${JM}.jvm-metaspace.size`]: '50m'}).metaspace).toBe(50n * MiB);
			const ranged = inBase(base, {[`${JM}.jvm-overhead.min`]: '50m', [`${JM}.jvm-overhead.max`]: '200m'});
			expect(ranged.overhead >= 50n * MiB && ranged.overhead <= 200n * MiB).toBe(true);
			const fractioned = inBase(base, {
				[`${JM}.jvm-overhead.min`]: '0',
				[`${JM}.jvm-overhead.max`]: '1t',
				[`${JM}.jvm-overhead.fraction`]: '0.2',
			});
			expect(fractioned.overhead).toBe(multiplySize(fractioned.totalProcess, Math.fround(0.2)));
		}
	});

	it('makes JVM overhead the rest when both totals are configured', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmOverheadDeriveFromProcessAndFlinkMemorySize.
		const memory = computeJobManagerMemory(
			conf({
				[`${JM}.process.size`]: '1000m',
				[`${JM}.flink.size`]: '800m',
				[`${JM}.jvm-metaspace.size`]: '100m',
				[`${JM}.jvm-overhead.min`]: '50m',
				[`${JM}.jvm-overhead.max`]: '200m',
				[`${JM}.jvm-overhead.fraction`]: '0.5',
			}),
		);
		expect(memory.overhead).toBe(100n * MiB);
	});

	it('reads the legacy heap size as the JVM heap', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigLegacyHeapSize / testConfigLegacyHeapMB (standalone JobManager).
		expect(computeJobManagerMemory(conf({'jobmanager.heap.size': '1g'})).jvmHeap).toBe(GiB);
		expect(computeJobManagerMemory(conf({'jobmanager.heap.mb': '1024'})).jvmHeap).toBe(GiB);
	});
});

describe('JobManager configurations Flink refuses', () => {
	it('refuses heap and off-heap that do not add up to Total Flink Memory', () => {
		// Source: JobManagerProcessUtilsTest.testFlinkInternalMemorySizeAddUpFailure (199m vs 100m + 100m).
		const error = failure({[`${JM}.flink.size`]: '199m', [`${JM}.heap.size`]: '100m', [`${JM}.off-heap.size`]: '100m'});
		expect(error.reason).toBe(
			'Sum of the configured JVM Heap Memory (100.000mb (104857600 bytes)) and the configured Off-heap Memory ' +
				'(100.000mb (104857600 bytes)) does not match the configured Total Flink Memory (199.000mb (208666624 bytes)). ' +
				'Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.',
		);
		expect(error.keys).toEqual([`${JM}.flink.size`, `${JM}.heap.size`, `${JM}.off-heap.size`]);
	});

	it('refuses a JVM heap larger than Total Flink Memory', () => {
		// Source: JobManagerProcessUtilsTest.testJvmHeapExceedsTotalFlinkMemoryFailure (150m heap, 100m total).
		const error = failure({[`${JM}.flink.size`]: '100m', [`${JM}.heap.size`]: '150m'});
		expect(error.message).toContain('The configured JVM Heap Memory (150.000mb (157286400 bytes)) exceeds the configured Total Flink Memory');
		expect(error.message).toContain('Options involved: jobmanager.memory.flink.size: 100m, jobmanager.memory.heap.size: 150m');
	});

	it('refuses a derived JVM overhead outside its range (the docs example)', () => {
		// Source: docs/deployment/memory/mem_setup.md, "Capped Fractionated Components": process 1000Mb, JVM heap
		// 100Mb, overhead 64–256Mb: the overhead is the rest (1000 − 228 − 256 = 516Mb) and the configuration fails.
		const error = failure({
			[`${JM}.process.size`]: '1000m',
			[`${JM}.heap.size`]: '100m',
			[`${JM}.jvm-overhead.min`]: '64m',
			[`${JM}.jvm-overhead.max`]: '256m',
			[`${JM}.jvm-overhead.fraction`]: '0.1',
		});
		expect(error.reason).toBe(
			'Derived JVM Overhead size (516.000mb (541065216 bytes)) is not in configured JVM Overhead range ' +
				'[64.000mb (67108864 bytes), 256.000mb (268435456 bytes)].',
		);
		expect(error.keys).toEqual(expect.arrayContaining([`${JM}.process.size`, `${JM}.heap.size`, `${JM}.jvm-overhead.max`]));
	});

	it('refuses Total Flink and Total Process Memory that do not add up', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalProcessMemoryAddUpFailure (699m vs 500m + 100m + 100m).
		const error = failure({
			[`${JM}.process.size`]: '699m',
			[`${JM}.flink.size`]: '500m',
			[`${JM}.jvm-metaspace.size`]: '100m',
			[`${JM}.jvm-overhead.min`]: '100m',
			[`${JM}.jvm-overhead.max`]: '100m',
		});
		expect(error.reason).toContain('Derived JVM Overhead size (99.000mb (103809024 bytes)) is not in configured JVM Overhead range');
	});

	it('refuses a Total Flink Memory no larger than the off-heap memory', () => {
		// Source: JobManagerFlinkMemoryUtils.deriveFromTotalFlinkMemory.
		const error = failure({[`${JM}.flink.size`]: '128m'});
		expect(error.reason).toBe(
			'The configured Total Flink Memory (128.000mb (134217728 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).',
		);
	});

	it('needs one of the three ways to be configured', () => {
		// Source: ProcessMemoryUtilsTestBase.testExceptionShouldContainRequiredConfigOptions.
		const error = failure({});
		expect(error.message).toBe(
			'Either required fine-grained memory (jobmanager.memory.heap.size), or Total Flink Memory size ' +
				'(jobmanager.memory.flink.size), or Total Process Memory size (jobmanager.memory.process.size) need to be configured explicitly.',
		);
	});

	it('refuses a JVM overhead range or fraction Flink cannot use', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmOverheadRangeFailure and testConfigJvmOverheadFractionFailure*.
		for (const base of ALL) {
			expect(failure({...BASES[base], [`${JM}.jvm-overhead.min`]: '200m', [`${JM}.jvm-overhead.max`]: '50m'}).message).toContain(
				'Inconsistently configured jobmanager.memory.jvm-overhead.fraction',
			);
			for (const fraction of ['-0.1', '1.0']) {
				expect(failure({...BASES[base], [`${JM}.jvm-overhead.fraction`]: fraction}).message).toContain(
					'fraction must be in range [0, 1)',
				);
			}
		}
	});
});
