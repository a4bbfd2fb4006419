import {FlinkConfiguration} from './configuration.js';
import {mapLegacyHeap} from './legacy-heap.js';
import {addSizes, formatBinarySize, toHumanReadableString} from './memory-size.js';
import {JOB_MANAGER_MIN_JVM_HEAP, JobManagerOptions as JM} from './options.js';
import {derivedSource, optionSource, type PartSource} from './part-source.js';
import {
	deriveProcessMemory,
	type DerivationPath,
	type FlinkMemoryDeriver,
	type ProcessMemoryOptions,
} from './process-memory.js';
import {rejected} from './rejection.js';
import {jvmArgs, type JvmArgs} from './taskmanager-memory.js';

/**
 * The JobManager memory model (Flink's JobManagerProcessUtils and JobManagerFlinkMemoryUtils):
 * Total Flink Memory is JVM heap + off-heap (default 128m), plus the shared metaspace and overhead.
 */

export const JOB_MANAGER_PARTS = ['jvmHeap', 'offHeap', 'metaspace', 'overhead', 'totalFlink', 'totalProcess'] as const;

export type JobManagerPart = (typeof JOB_MANAGER_PARTS)[number];

export type JobManagerMemory = Readonly<Record<JobManagerPart, bigint>> & {
	readonly jvmArgs: JvmArgs;
	readonly derivedFrom: DerivationPath;
	readonly sources: Readonly<Record<JobManagerPart, PartSource>>;
	/** What Flink only logs as a warning (a heap below its recommended minimum). */
	readonly warnings: readonly string[];
};

interface JobManagerFlinkMemory {
	readonly jvmHeap: bigint;
	readonly offHeap: bigint;
	readonly sources: Readonly<Record<'jvmHeap' | 'offHeap', PartSource>>;
}

const PLEASE = 'Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.';

const jobManagerFlinkMemoryDeriver: FlinkMemoryDeriver<JobManagerFlinkMemory> = {
	fromRequiredFineGrained(config) {
		const jvmHeap = config.getMemorySize(JM.jvmHeap);
		const offHeap = config.getMemorySize(JM.offHeap);
		const sources = {jvmHeap: optionSource(config, JM.jvmHeap), offHeap: optionSource(config, JM.offHeap)};
		if (!config.contains(JM.totalFlink)) return {jvmHeap, offHeap, sources};
		const totalFlink = config.getMemorySize(JM.totalFlink);
		const involved = [JM.totalFlink, JM.jvmHeap, JM.offHeap];
		if (config.contains(JM.offHeap)) {
			if (addSizes(jvmHeap, offHeap) !== totalFlink) {
				throw rejected(
					config,
					`Sum of the configured JVM Heap Memory (${toHumanReadableString(jvmHeap)}) and the configured Off-heap Memory ` +
						`(${toHumanReadableString(offHeap)}) does not match the configured Total Flink Memory ` +
						`(${toHumanReadableString(totalFlink)}). ${PLEASE}`,
					involved,
				);
			}
			return {jvmHeap, offHeap, sources};
		}
		// Off-heap not set: it is whatever the configured total leaves after the heap, not its default.
		if (totalFlink < jvmHeap) {
			throw rejected(
				config,
				`The configured JVM Heap Memory (${toHumanReadableString(jvmHeap)}) exceeds the configured Total Flink Memory ` +
					`(${toHumanReadableString(totalFlink)}). ${PLEASE}`,
				involved,
			);
		}
		return {
			jvmHeap,
			offHeap: totalFlink - jvmHeap,
			sources: {...sources, offHeap: derivedSource(JM.offHeap.key, 'Total Flink − JVM Heap')},
		};
	},

	fromTotalFlink(config, basis) {
		const offHeap = config.getMemorySize(JM.offHeap);
		if (basis.bytes <= offHeap) {
			const involved = [...basis.options, JM.offHeap];
			throw rejected(
				config,
				`The configured Total Flink Memory (${toHumanReadableString(basis.bytes)}) is less than the configured Off-heap ` +
					`Memory (${toHumanReadableString(offHeap)}).`,
				involved,
			);
		}
		return {
			jvmHeap: basis.bytes - offHeap,
			offHeap,
			sources: {
				jvmHeap: derivedSource(JM.jvmHeap.key, 'Total Flink − Off-Heap'),
				offHeap: optionSource(config, JM.offHeap),
			},
		};
	},

	totalFlinkOf(memory) {
		return addSizes(memory.jvmHeap, memory.offHeap);
	},
};

const JM_PROCESS_MEMORY_OPTIONS: ProcessMemoryOptions = {
	requiredFineGrained: [JM.jvmHeap],
	totalFlink: JM.totalFlink,
	totalProcess: JM.totalProcess,
	metaspace: JM.metaspace,
	overheadMin: JM.overheadMin,
	overheadMax: JM.overheadMax,
	overheadFraction: JM.overheadFraction,
};

/** The JobManager breakdown for flat configuration entries (`jobmanager.memory.process.size` → `1600m`). */
export function computeJobManagerMemory(entries: ReadonlyMap<string, string>): JobManagerMemory {
	const config = new FlinkConfiguration(mapLegacyHeap(entries, {heap: JM.legacyHeap, heapMb: JM.legacyHeapMb}, JM.jvmHeap));
	const process = deriveProcessMemory(config, JM_PROCESS_MEMORY_OPTIONS, jobManagerFlinkMemoryDeriver);
	const {jvmHeap, offHeap} = process.flink;
	const warnings =
		jvmHeap < JOB_MANAGER_MIN_JVM_HEAP
			? [
					`The configured or derived JVM heap memory size (${formatBinarySize(jvmHeap)}) is less than its recommended ` +
						`minimum value (${formatBinarySize(JOB_MANAGER_MIN_JVM_HEAP)})`,
				]
			: [];
	// Flink limits the JobManager's direct memory only when asked to.
	const directLimit = config.getBoolean(JM.directMemoryLimit) ? offHeap : undefined;
	return {
		jvmHeap,
		offHeap,
		metaspace: process.metaspace,
		overhead: process.overhead,
		totalFlink: process.totalFlink,
		totalProcess: process.totalProcess,
		jvmArgs: jvmArgs(jvmHeap, directLimit, process.metaspace),
		derivedFrom: process.path,
		sources: {...process.flink.sources, ...process.sources},
		warnings,
	};
}
