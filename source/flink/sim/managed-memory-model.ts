import {FlinkConfiguration, type IntegerOption} from '../configuration.js';
import {FlinkConfigError} from '../errors.js';
import {readManagedMemoryConsumerWeights, readSegmentSize, type ManagedMemoryUseCase} from '../managed-memory.js';
import {computeTaskManagerMemory, type TaskManagerMemory} from '../taskmanager-memory.js';
import type {FlinkJobShape} from './job-shape.js';

/**
 * The TaskManager a `--flink` run simulates: its memory model (to the byte, from the calculator), the
 * managed memory cut into pages of `taskmanager.memory.segment-size`, divided among slots, and the
 * network memory cut into buffers of the same size.
 */
export interface TaskManagerModel {
	readonly memory: TaskManagerMemory;
	readonly segmentSize: number;
	readonly managedBytes: number;
	/** Managed memory in whole pages: the simulated heap. */
	readonly pages: number;
	readonly slots: number;
	/** Managed memory of one slot (managed / slots, integer division) and its MemoryManager's pages. */
	readonly perSlotBytes: number;
	readonly perSlotPages: number;
	readonly weights: ReadonlyMap<ManagedMemoryUseCase, number>;
	readonly network: NetworkModel;
}

export interface NetworkModel {
	readonly bytes: number;
	/** Network memory / segment size: NetworkBufferPool's segments. */
	readonly buffers: number;
	/** `taskmanager.network.memory.buffers-per-channel` (exclusive buffers per input channel, default 2). */
	readonly buffersPerChannel: number;
	/** `taskmanager.network.memory.floating-buffers-per-gate` (default 8; a gate needs at least 1). */
	readonly floatingPerGate: number;
}

const slotsOption: IntegerOption = {type: 'integer', key: 'taskmanager.numberOfTaskSlots', defaultValue: 1};
const buffersPerChannelOption: IntegerOption = {type: 'integer', key: 'taskmanager.network.memory.buffers-per-channel', defaultValue: 2};
const floatingPerGateOption: IntegerOption = {type: 'integer', key: 'taskmanager.network.memory.floating-buffers-per-gate', defaultValue: 8};

export const defaultProcessSize = '1728m';

/**
 * Flink's shipped configuration file sets `taskmanager.memory.process.size: 1728m`; `-D` and `--conf`
 * come on top of it. So the run adds that size unless a total size (or a legacy heap size) is given, or
 * both fine-grained sizes are, when it would conflict with them.
 */
function withShippedDefault(entries: ReadonlyMap<string, string>): Map<string, string> {
	const sized = new Map(entries);
	const has = (key: string) => sized.has(key);
	const total = ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size', 'taskmanager.heap.size', 'taskmanager.heap.mb'].some(has);
	const fineGrained = has('taskmanager.memory.task.heap.size') && (has('taskmanager.memory.managed.size') || has('taskmanager.memory.size'));
	if (!total && !fineGrained) sized.set('taskmanager.memory.process.size', defaultProcessSize);
	return sized;
}

/** The model for configuration entries; `slots` (from `--slots`) wins over `taskmanager.numberOfTaskSlots`. */
export function buildTaskManagerModel(entries: ReadonlyMap<string, string>, slots?: number): TaskManagerModel {
	const sized = withShippedDefault(entries);
	const memory = computeTaskManagerMemory(sized);
	const config = new FlinkConfiguration(sized);
	const segmentSize = Number(readSegmentSize(sized));
	const slotCount = slots ?? config.getInteger(slotsOption);
	if (!Number.isInteger(slotCount) || slotCount < 1) {
		throw new FlinkConfigError(`${slotsOption.key} must be at least 1, got ${slotCount}.`, [slotsOption.key]);
	}
	const managedBytes = Number(memory.managed);
	// TaskExecutorResourceUtils: each slot gets managed / slots (MemorySize.divide, whole bytes), and its
	// MemoryManager cuts that into memorySize / pageSize pages.
	const perSlotBytes = Math.floor(managedBytes / slotCount);
	const networkBytes = Number(memory.network);
	return {
		memory,
		segmentSize,
		managedBytes,
		pages: Math.floor(managedBytes / segmentSize),
		slots: slotCount,
		perSlotBytes,
		perSlotPages: Math.floor(perSlotBytes / segmentSize),
		weights: readManagedMemoryConsumerWeights(sized),
		network: {
			bytes: networkBytes,
			buffers: Math.floor(networkBytes / segmentSize),
			buffersPerChannel: nonNegative(config, buffersPerChannelOption),
			floatingPerGate: nonNegative(config, floatingPerGateOption),
		},
	};
}

function nonNegative(config: FlinkConfiguration, option: IntegerOption): number {
	const value = config.getInteger(option);
	if (value < 0) throw new FlinkConfigError(`${option.key} must not be negative, got ${value}.`, [option.key]);
	return value;
}

/**
 * ManagedMemoryUtils.getFractionRoundedDown: dividend / divisor cut (not rounded) to four decimals, as
 * BigDecimal.divide(..., 4, ROUND_DOWN).doubleValue() does. The integer quotient is exact: a true
 * quotient of whole numbers below 2^31 is never within a double's rounding of the next integer.
 */
export function fractionRoundedDown(dividend: number, divisor: number): number {
	if (divisor <= 0) return 0;
	return Math.floor((dividend * 10_000) / divisor) / 10_000;
}

/** MemoryManager.computeNumberOfPages: (int) (totalNumberOfPages * fraction). */
export function pagesOfFraction(totalPages: number, fraction: number): number {
	return fraction > 0 ? Math.floor(totalPages * fraction) : 0;
}

export interface Share {
	readonly weight: number;
	/** Of the slot's managed memory. */
	readonly fraction: number;
	/** Of one slot's MemoryManager. */
	readonly pages: number;
}

/** How one slot's pages are shared: per use case present in the job, and per operator within OPERATOR. */
export interface SlotShares {
	readonly useCases: ReadonlyMap<ManagedMemoryUseCase, Share>;
	readonly operators: ReadonlyMap<string, Share>;
}

/**
 * Flink's fractions for a job: a use case gets weight / sum of the weights of the use cases present
 * (ManagedMemoryUtils.convertToFractionOfSlot), an operator its weight / the OPERATOR weights of its
 * slot sharing group (StreamingJobGraphGenerator), both rounded down to four decimals; an operator's
 * fraction of the slot is the product. Slot-scope use cases (STATE_BACKEND, PYTHON) are one budget per slot.
 */
export function slotShares(model: TaskManagerModel, job: FlinkJobShape): SlotShares {
	const present = new Set<ManagedMemoryUseCase>(Object.values(job.sites));
	const operatorWeight = job.tasks.reduce((sum, task) => sum + (task.operatorWeight ?? 0), 0);
	if (operatorWeight > 0) present.add('OPERATOR');
	const weightOf = (useCase: ManagedMemoryUseCase): number => model.weights.get(useCase) ?? 0;
	const total = [...present].reduce((sum, useCase) => sum + weightOf(useCase), 0);
	const useCases = new Map<ManagedMemoryUseCase, Share>();
	for (const useCase of ['OPERATOR', 'STATE_BACKEND', 'PYTHON'] as const) {
		if (!present.has(useCase)) continue;
		const fraction = fractionRoundedDown(weightOf(useCase), total);
		useCases.set(useCase, {weight: weightOf(useCase), fraction, pages: pagesOfFraction(model.perSlotPages, fraction)});
	}
	const operatorShare = useCases.get('OPERATOR')?.fraction ?? 0;
	const operators = new Map<string, Share>();
	for (const task of job.tasks) {
		const weight = task.operatorWeight ?? 0;
		if (weight <= 0) continue;
		const fraction = fractionRoundedDown(weight, operatorWeight) * operatorShare;
		operators.set(task.name, {weight, fraction, pages: pagesOfFraction(model.perSlotPages, fraction)});
	}
	return {useCases, operators};
}
