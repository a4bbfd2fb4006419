import {FlinkConfiguration} from './configuration.js';
import {mapLegacyHeap} from './legacy-heap.js';
import {addSizes} from './memory-size.js';
import {TaskManagerOptions as TM} from './options.js';
import type {PartSource} from './part-source.js';
import {deriveProcessMemory, type DerivationPath, type ProcessMemoryOptions} from './process-memory.js';
import {taskExecutorFlinkMemoryDeriver} from './taskmanager-flink-memory.js';

/**
 * The TaskManager memory model (Flink's TaskExecutorProcessUtils.processSpecFromConfig), to the byte.
 * Pure: configuration entries in, sizes out; a configuration Flink would refuse throws FlinkConfigError.
 */

export const TASK_MANAGER_PARTS = [
	'frameworkHeap',
	'taskHeap',
	'managed',
	'frameworkOffHeap',
	'taskOffHeap',
	'network',
	'metaspace',
	'overhead',
	'totalFlink',
	'totalProcess',
] as const;

export type TaskManagerPart = (typeof TASK_MANAGER_PARTS)[number];

/** The JVM options Flink starts a process with (ProcessMemoryUtils.generateJvmParametersStr). */
export interface JvmArgs {
	/** -Xmx and -Xms. */
	readonly heap: bigint;
	/** -XX:MaxDirectMemorySize; absent when Flink does not set it (JobManager without the limit enabled). */
	readonly maxDirectMemory?: bigint;
	readonly maxMetaspace: bigint;
	/** The arguments as Flink writes them: `-Xmx… -Xms… -XX:MaxDirectMemorySize=… -XX:MaxMetaspaceSize=…`. */
	readonly commandLine: string;
}

export type TaskManagerMemory = Readonly<Record<TaskManagerPart, bigint>> & {
	readonly jvmArgs: JvmArgs;
	/** Which of Flink's three ways the configuration used. */
	readonly derivedFrom: DerivationPath;
	/** For each part, the key that sets it and how its size came about. */
	readonly sources: Readonly<Record<TaskManagerPart, PartSource>>;
};

const TM_PROCESS_MEMORY_OPTIONS: ProcessMemoryOptions = {
	requiredFineGrained: [TM.taskHeap, TM.managedSize],
	totalFlink: TM.totalFlink,
	totalProcess: TM.totalProcess,
	metaspace: TM.metaspace,
	overheadMin: TM.overheadMin,
	overheadMax: TM.overheadMax,
	overheadFraction: TM.overheadFraction,
};

/** The TaskManager breakdown for flat configuration entries (`taskmanager.memory.process.size` → `1728m`). */
export function computeTaskManagerMemory(entries: ReadonlyMap<string, string>): TaskManagerMemory {
	const config = new FlinkConfiguration(
		mapLegacyHeap(entries, {heap: TM.legacyHeap, heapMb: TM.legacyHeapMb}, TM.totalFlink),
	);
	const process = deriveProcessMemory(config, TM_PROCESS_MEMORY_OPTIONS, taskExecutorFlinkMemoryDeriver);
	const flink = process.flink;
	const heap = addSizes(flink.frameworkHeap, flink.taskHeap);
	const direct = addSizes(flink.frameworkOffHeap, flink.taskOffHeap, flink.network);
	return {
		frameworkHeap: flink.frameworkHeap,
		taskHeap: flink.taskHeap,
		managed: flink.managed,
		frameworkOffHeap: flink.frameworkOffHeap,
		taskOffHeap: flink.taskOffHeap,
		network: flink.network,
		metaspace: process.metaspace,
		overhead: process.overhead,
		totalFlink: process.totalFlink,
		totalProcess: process.totalProcess,
		jvmArgs: jvmArgs(heap, direct, process.metaspace),
		derivedFrom: process.path,
		sources: {...flink.sources, ...process.sources},
	};
}

export function jvmArgs(heap: bigint, maxDirectMemory: bigint | undefined, maxMetaspace: bigint): JvmArgs {
	const direct = maxDirectMemory === undefined ? '' : ` -XX:MaxDirectMemorySize=${maxDirectMemory}`;
	return {
		heap,
		maxDirectMemory,
		maxMetaspace,
		commandLine: `-Xmx${heap} -Xms${heap}${direct} -XX:MaxMetaspaceSize=${maxMetaspace}`,
	};
}
