import type {BarGroup, BarSegment} from '../bar.js';
import {taskManagerReport} from '../report.js';
import type {ManagedMemoryUseCase} from '../managed-memory.js';
import type {FlinkMemory} from './flink-memory.js';

/**
 * What the dashboard's Flink pane shows: the configured memory model (the bar of `memsim flink`) and
 * what is used of managed and network memory now. The store takes one per frame with `flinkSlice`;
 * it is a new object only when a figure changed, so the pane can skip drawing otherwise.
 */
export interface FlinkSlice {
	/** The TaskManager's parts, configured sizes, for the memory model bar. */
	readonly segments: readonly BarSegment[];
	readonly groups: readonly BarGroup[];
	readonly totalProcessBytes: number;
	readonly segmentSize: number;
	readonly slots: number;
	readonly perSlotPages: number;
	readonly managed: {readonly bytes: number; readonly pages: number; readonly usedPages: number; readonly peakPages: number};
	readonly network: {readonly bytes: number; readonly buffers: number; readonly usedBuffers: number; readonly refused: number};
	/** Pages used and allowed per managed memory use case, over all slots. */
	readonly useCases: ReadonlyArray<{readonly useCase: ManagedMemoryUseCase; readonly used: number; readonly limit: number}>;
	readonly failures: number;
	readonly lastFailure?: string;
	/** Tasks that ended still holding pages (their MemoryManager released them). */
	readonly unreleasedTasks: number;
}

const models = new WeakMap<FlinkMemory, Pick<FlinkSlice, 'segments' | 'groups' | 'totalProcessBytes'>>();

/** The slice of `memory` now; `previous` is returned as is when nothing it shows has changed. */
export function flinkSlice(memory: FlinkMemory, previous?: FlinkSlice): FlinkSlice {
	let model = models.get(memory);
	if (!model) {
		const report = taskManagerReport(memory.model.memory);
		model = {segments: report.segments, groups: report.groups, totalProcessBytes: Number(report.totalProcess)};
		models.set(memory, model);
	}
	const useCases = memory.useCaseUsage();
	const usedPages = memory.pagesInUse;
	const usedBuffers = memory.pool.required;
	if (
		previous &&
		previous.segments === model.segments &&
		previous.managed.usedPages === usedPages &&
		previous.managed.peakPages === memory.peakPagesInUse &&
		previous.network.usedBuffers === usedBuffers &&
		previous.failures === memory.failureCount &&
		previous.unreleasedTasks === memory.taskEndReleaseCount &&
		previous.useCases.every((row, i) => row.used === useCases[i]?.used)
	) {
		return previous;
	}
	const {model: tm} = memory;
	return {
		...model,
		segmentSize: tm.segmentSize,
		slots: tm.slots,
		perSlotPages: tm.perSlotPages,
		managed: {bytes: tm.managedBytes, pages: tm.pages, usedPages, peakPages: memory.peakPagesInUse},
		network: {bytes: tm.network.bytes, buffers: tm.network.buffers, usedBuffers, refused: memory.pool.failures},
		useCases,
		failures: memory.failureCount,
		lastFailure: memory.lastFailure?.reason,
		unreleasedTasks: memory.taskEndReleaseCount,
	};
}
