import {InputError} from '../../engine/input-error.js';
import type {SimulationParams} from '../../engine/params.js';
import type {WorkloadSource} from '../../engine/workload-source.js';
import {FlinkMemory, type FlinkHost} from './flink-memory.js';
import {anonymousJob, isFlinkShaped, type FlinkJobShape, type TaskManagerLayout} from './job-shape.js';
import {buildTaskManagerModel, slotShares, type SlotShares, type TaskManagerModel} from './managed-memory-model.js';

/**
 * `memsim run --flink`: the simulated heap becomes the TaskManager's managed memory. The heap is the
 * managed memory rounded down to whole pages, aligned to the page with pages as the smallest block,
 * so every request takes whole pages and what it leaves unused of its last page is internal
 * fragmentation. The per-slot MemoryManagers and the network buffer pool sit in front of it as the
 * simulation's admission.
 */
export interface FlinkRun {
	readonly model: TaskManagerModel;
	readonly params: SimulationParams;
	readonly memory: FlinkMemory;
	/** Give the memory the simulation it releases blocks in at task ends. */
	attach(host: FlinkHost): void;
}

export function prepareFlinkRun(entries: ReadonlyMap<string, string>, slots: number | undefined, source: WorkloadSource, base: SimulationParams): FlinkRun {
	if (base.collector !== 'none' || base.reclaim !== 'explicit') {
		// Flink allocates and releases managed memory explicitly, page by page; no collector takes it back.
		throw new InputError(`--flink: managed memory is released explicitly, as Flink's MemoryManager does (no --gc, --reclaim explicit)`);
	}
	const model = buildTaskManagerModel(entries, slots);
	if (model.perSlotPages < 1) {
		throw new InputError(
			`--flink: a slot's managed memory (${model.perSlotBytes} bytes of ${model.managedBytes}, ${model.slots} slots) is less than one page of ${model.segmentSize} bytes; ` +
				`raise taskmanager.memory.managed.size or taskmanager.memory.managed.fraction, or use fewer slots`,
		);
	}
	const job: FlinkJobShape = isFlinkShaped(source) ? source.job : anonymousJob;
	const memory = new FlinkMemory(model, job, source);
	if (isFlinkShaped(source)) source.useTaskManager(taskManagerLayout(model, memory.shares));
	const page = model.segmentSize;
	const params: SimulationParams = {
		...base,
		capacity: model.pages * page,
		align: page,
		minBlock: page,
		header: 0,
		splitThreshold: page,
	};
	return {model, params, memory, attach: host => memory.attach(host)};
}

/** What a Flink-shaped workload may know of its TaskManager: slots and the pages each consumer may use. */
export function taskManagerLayout(model: TaskManagerModel, shares: SlotShares): TaskManagerLayout {
	return {
		slots: model.slots,
		pageSize: model.segmentSize,
		operatorPages: task => shares.operators.get(task)?.pages ?? 0,
		useCasePages: useCase => shares.useCases.get(useCase)?.pages ?? 0,
	};
}

/** The layout of Flink's default TaskManager (1728m process, one slot) for a job: generators' defaults without `--flink`. */
export function defaultLayout(job: FlinkJobShape): TaskManagerLayout {
	const model = buildTaskManagerModel(new Map());
	return taskManagerLayout(model, slotShares(model, job));
}
