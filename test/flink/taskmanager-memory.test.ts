import {describe, expect, it} from 'vitest';
import {multiplySize} from '../../source/flink/memory-size.js';
import {computeTaskManagerMemory, type TaskManagerMemory} from '../../source/flink/taskmanager-memory.js';
import {conf, configError, GiB, MiB} from './helpers.js';

const TM = 'taskmanager.memory';

// The five base configurations of Flink's TaskExecutorProcessUtilsTest (validateInAllConfigurations):
// TASK_HEAP_SIZE 100m, MANAGED_MEM_SIZE 200m, TOTAL_FLINK_MEM_SIZE 1280m, TOTAL_PROCESS_MEM_SIZE 1536m.
const BASES = {
	'explicit task heap and managed': {[`${TM}.task.heap.size`]: '100m', [`${TM}.managed.size`]: '200m'},
	'explicit total Flink': {[`${TM}.flink.size`]: '1280m'},
	'explicit total Flink and task heap': {[`${TM}.flink.size`]: '1280m', [`${TM}.task.heap.size`]: '100m'},
	'explicit total Flink and managed': {[`${TM}.flink.size`]: '1280m', [`${TM}.managed.size`]: '200m'},
	'explicit total process': {[`${TM}.process.size`]: '1536m'},
} as const;
type Base = keyof typeof BASES;
const ALL = Object.keys(BASES) as Base[];
const WITHOUT_TASK_HEAP: Base[] = ['explicit total Flink', 'explicit total Flink and managed', 'explicit total process'];
const WITHOUT_MANAGED: Base[] = ['explicit total Flink', 'explicit total Flink and task heap', 'explicit total process'];

function inBase(base: Base, custom: Record<string, string>): TaskManagerMemory {
	const memory = computeTaskManagerMemory(conf({...BASES[base], ...custom}));
	// What each base pins down (the checks Flink's validateInConfigWith* helpers make first).
	if (base.includes('total Flink')) expect(memory.totalFlink).toBe(1280n * MiB);
	if (base.includes('task heap')) expect(memory.taskHeap).toBe(100n * MiB);
	if (base.includes('managed')) expect(memory.managed).toBe(200n * MiB);
	if (base === 'explicit total process') expect(memory.totalProcess).toBe(1536n * MiB);
	return memory;
}

/** The invariants of the model whatever the configuration. */
function expectConsistent(memory: TaskManagerMemory): void {
	const flink =
		memory.frameworkHeap + memory.taskHeap + memory.managed + memory.network + memory.frameworkOffHeap + memory.taskOffHeap;
	expect(memory.totalFlink).toBe(flink);
	expect(memory.totalProcess).toBe(flink + memory.metaspace + memory.overhead);
	expect(memory.jvmArgs.heap).toBe(memory.frameworkHeap + memory.taskHeap);
	expect(memory.jvmArgs.maxDirectMemory).toBe(memory.frameworkOffHeap + memory.taskOffHeap + memory.network);
	expect(memory.jvmArgs.maxMetaspace).toBe(memory.metaspace);
}

describe('TaskManager memory model', () => {
	it('splits the default 1728m process exactly as Flink does', () => {
		// Source: the default `taskmanager.memory.process.size: 1728m` of flink-dist's flink-conf.yaml / config.yaml;
		// Flink's web UI shows 128mb / 384mb / 512mb / 128mb / 128mb / 256mb / 192mb for it. Byte values from
		// the issue, reproduced by an independent BigDecimal-style reference.
		const memory = computeTaskManagerMemory(conf({[`${TM}.process.size`]: '1728m'}));
		expect({...memory, jvmArgs: undefined, sources: undefined, derivedFrom: undefined}).toEqual({
			frameworkHeap: 134217728n,
			taskHeap: 402653174n,
			managed: 536870920n,
			network: 134217730n,
			frameworkOffHeap: 134217728n,
			taskOffHeap: 0n,
			metaspace: 268435456n,
			overhead: 201326592n,
			totalFlink: 1342177280n,
			totalProcess: 1811939328n,
			jvmArgs: undefined,
			sources: undefined,
			derivedFrom: undefined,
		});
		expect(memory.jvmArgs.commandLine).toBe(
			'-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456',
		);
		expect(memory.derivedFrom).toBe('total-process');
		expect(memory.sources.overhead.key).toBe('taskmanager.memory.jvm-overhead.min');
		expect(memory.sources.managed.key).toBe('taskmanager.memory.managed.fraction');
	});

	it('derives everything from Total Flink Memory, overhead by inverse fraction', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalFlinkMemory (flink.size 1g); bytes from the reference.
		const memory = computeTaskManagerMemory(conf({[`${TM}.flink.size`]: '1g'}));
		expect(memory.totalFlink).toBe(GiB);
		expect([memory.taskHeap, memory.managed, memory.network, memory.overhead, memory.totalProcess]).toEqual([
			268435448n,
			429496736n,
			107374184n,
			201326592n,
			1543503872n,
		]);
		expect(memory.derivedFrom).toBe('total-flink');
		expectConsistent(memory);
	});

	it('derives everything from Total Process Memory', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigTotalProcessMemorySize (process.size 2g).
		const memory = computeTaskManagerMemory(conf({[`${TM}.process.size`]: '2g'}));
		expect(memory.totalProcess).toBe(2n * GiB);
		expect([memory.overhead, memory.totalFlink, memory.managed, memory.network, memory.taskHeap]).toEqual([
			214748368n,
			1664299824n,
			665719939n,
			166429984n,
			563714445n,
		]);
		expectConsistent(memory);
	});

	it('derives network by inverse fraction from explicit task heap and managed memory', () => {
		// Source: TaskExecutorProcessUtilsTest.configWithExplicitTaskHeapAndManageMem (100m / 200m).
		const memory = computeTaskManagerMemory(conf(BASES['explicit task heap and managed']));
		// 556m × 0.1/0.9 is 61.8m, under the 64m minimum.
		expect([memory.network, memory.totalFlink, memory.overhead, memory.totalProcess]).toEqual([
			64n * MiB,
			650117120n,
			192n * MiB,
			1119879168n,
		]);
		expect(memory.derivedFrom).toBe('fine-grained');
	});

	it.each(ALL)('keeps the model consistent (%s)', base => {
		// Source: the five configurations TaskExecutorProcessUtilsTest validates every option in.
		expectConsistent(inBase(base, {}));
	});

	it.each([
		['framework.heap.size', '100m', 'frameworkHeap', 100n * MiB],
		['framework.off-heap.size', '10m', 'frameworkOffHeap', 10n * MiB],
		['task.off-heap.size', '50m', 'taskOffHeap', 50n * MiB],
		['jvm-metaspace.size', '50m', 'metaspace', 50n * MiB],
	] as const)('takes %s = %s in every configuration', (option, value, part, bytes) => {
		// Source: TaskExecutorProcessUtilsTest.testConfigFrameworkHeapMemory, testConfigFrameworkOffHeapMemory,
		// testConfigTaskOffheapMemory and ProcessMemoryUtilsTestBase.testConfigJvmMetaspaceSize.
		for (const base of ALL) expect(inBase(base, {[`${TM}.${option}`]: value})[part]).toBe(bytes);
	});

	it('takes an explicit task heap where it is not part of the base', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigTaskHeapMemory (50m).
		for (const base of WITHOUT_TASK_HEAP) expect(inBase(base, {[`${TM}.task.heap.size`]: '50m'}).taskHeap).toBe(50n * MiB);
	});

	it('takes an explicit managed size, also under its deprecated key', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigManagedMemorySize / testConfigManagedMemoryLegacySize (100m).
		for (const base of WITHOUT_MANAGED) {
			expect(inBase(base, {[`${TM}.managed.size`]: '100m'}).managed).toBe(100n * MiB);
			expect(inBase(base, {'taskmanager.memory.size': '100m'}).managed).toBe(100n * MiB);
		}
	});

	it('applies the managed fraction to Total Flink Memory', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigManagedMemoryFraction (0.5).
		for (const base of WITHOUT_MANAGED) {
			const memory = inBase(base, {[`${TM}.managed.fraction`]: '0.5'});
			expect(memory.managed).toBe(multiplySize(memory.totalFlink, Math.fround(0.5)));
		}
	});

	it('keeps network memory within its configured range, also under the pre-1.10 keys', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigNetworkMemoryRange and testConfigNetworkMemoryLegacyRangeFraction (200m–500m).
		for (const base of ALL) {
			for (const prefix of ['taskmanager.memory.network', 'taskmanager.network.memory']) {
				const memory = inBase(base, {[`${prefix}.min`]: '200m', [`${prefix}.max`]: '500m'});
				expect(memory.network).toBeGreaterThanOrEqual(200n * MiB);
				expect(memory.network).toBeLessThanOrEqual(500n * MiB);
			}
		}
	});

	it('applies the network fraction to Total Flink Memory', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigNetworkMemoryFraction (min 0, max 1t, fraction 0.2).
		const memory = inBase('explicit task heap and managed', {
			[`${TM}.network.min`]: '0m',
			[`${TM}.network.max`]: '1t',
			[`${TM}.network.fraction`]: '0.2',
		});
		expect(memory.network).toBe(multiplySize(memory.totalFlink, Math.fround(0.2)));
	});

	it('sizes network from the legacy buffer count', () => {
		// Source: TaskExecutorProcessUtilsTest.testConfigNetworkMemoryLegacyNumOfBuffers (32k × 1024).
		for (const base of ['explicit task heap and managed', ...WITHOUT_TASK_HEAP] as Base[]) {
			const memory = inBase(base, {[`${TM}.segment-size`]: '32k', 'taskmanager.network.numberOfBuffers': '1024'});
			expect(memory.network).toBe(32n * MiB);
		}
	});

	it('keeps JVM overhead within its range and applies its fraction to Total Process Memory', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmOverheadRange (50m–200m) and testConfigJvmOverheadFraction (0–1t, 0.2).
		for (const base of ALL) {
			const ranged = inBase(base, {[`${TM}.jvm-overhead.min`]: '50m', [`${TM}.jvm-overhead.max`]: '200m'});
			expect(ranged.overhead >= 50n * MiB && ranged.overhead <= 200n * MiB).toBe(true);
			const fractioned = inBase(base, {
				[`${TM}.jvm-overhead.min`]: '0',
				[`${TM}.jvm-overhead.max`]: '1t',
				[`${TM}.jvm-overhead.fraction`]: '0.2',
			});
			expect(fractioned.overhead).toBe(multiplySize(fractioned.totalProcess, Math.fround(0.2)));
		}
	});

	it('computes the documented capped-fraction examples with Flink float arithmetic', () => {
		// Source: docs/deployment/memory/mem_setup.md, "Capped Fractionated Components": 1000Mb process, overhead
		// 0.1 within 64–128Mb is "100Mb" (Flink's 0.1f makes it 104857601 bytes); with 128–256Mb it is 128Mb.
		const inRange = computeTaskManagerMemory(
			conf({[`${TM}.process.size`]: '1000m', [`${TM}.jvm-overhead.min`]: '64m', [`${TM}.jvm-overhead.max`]: '128m'}),
		);
		expect(inRange.overhead).toBe(104857601n);
		const raised = computeTaskManagerMemory(
			conf({[`${TM}.process.size`]: '1000m', [`${TM}.jvm-overhead.min`]: '128m', [`${TM}.jvm-overhead.max`]: '256m'}),
		);
		expect(raised.overhead).toBe(128n * MiB);
	});

	it('makes JVM overhead the rest when both totals are configured', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigJvmOverheadDeriveFromProcessAndFlinkMemorySize.
		const memory = computeTaskManagerMemory(
			conf({
				[`${TM}.process.size`]: '1000m',
				[`${TM}.flink.size`]: '800m',
				[`${TM}.jvm-metaspace.size`]: '100m',
				[`${TM}.jvm-overhead.min`]: '50m',
				[`${TM}.jvm-overhead.max`]: '200m',
				[`${TM}.jvm-overhead.fraction`]: '0.5',
			}),
		);
		expect(memory.overhead).toBe(100n * MiB);
	});

	it('passes a derived network that fits its range but not its fraction', () => {
		// Source: TaskExecutorProcessUtilsTest.testConsistencyCheckOfDerivedNetworkMemoryWithinMinMaxRangeNotMatchingFractionPasses
		// (setupConfigWithFlinkAndTaskHeapToDeriveGivenNetworkMem(400): task heap 424m).
		const memory = computeTaskManagerMemory(
			conf({
				[`${TM}.flink.size`]: '1280m',
				[`${TM}.task.heap.size`]: '424m',
				[`${TM}.managed.size`]: '200m',
				[`${TM}.network.fraction`]: '0.001',
			}),
		);
		expect(memory.network).toBe(400n * MiB);
	});

	it('reads the legacy heap size as Total Flink Memory, unless that is set', () => {
		// Source: ProcessMemoryUtilsTestBase.testConfigLegacyHeapSize, testConfigLegacyHeapMB and
		// testConfigBothNewOptionAndLegacyHeapSize (standalone maps the TaskManager's to Total Flink Memory).
		expect(computeTaskManagerMemory(conf({'taskmanager.heap.size': '1g'})).totalFlink).toBe(GiB);
		expect(computeTaskManagerMemory(conf({'taskmanager.heap.mb': '1024'})).totalFlink).toBe(GiB);
		const both = computeTaskManagerMemory(conf({[`${TM}.flink.size`]: '1g', 'taskmanager.heap.size': '2g'}));
		expect(both.totalFlink).toBe(GiB);
	});
});
