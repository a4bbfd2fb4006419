/**
 * Flink's memory model calculator. No I/O: configuration text or entries in, byte counts out.
 * Later parts (a simulated managed-memory heap) start from computeTaskManagerMemory(...).managed,
 * readSegmentSize and readManagedMemoryConsumerWeights.
 */
export {parseFlinkConfig} from './config-yaml.js';
export {FlinkConfigError} from './errors.js';
export {computeJobManagerMemory, JOB_MANAGER_PARTS, type JobManagerMemory, type JobManagerPart} from './jobmanager-memory.js';
export {readManagedMemoryConsumerWeights, readSegmentSize, type ManagedMemoryUseCase} from './managed-memory.js';
export {formatBinarySize, parseMemorySize, toHumanReadableString} from './memory-size.js';
export type {PartSource} from './part-source.js';
export type {DerivationPath} from './process-memory.js';
export {
	computeTaskManagerMemory,
	TASK_MANAGER_PARTS,
	type JvmArgs,
	type TaskManagerMemory,
	type TaskManagerPart,
} from './taskmanager-memory.js';
