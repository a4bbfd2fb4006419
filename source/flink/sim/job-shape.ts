import type {ManagedMemoryUseCase} from '../managed-memory.js';

/**
 * What a Flink-shaped workload tells the simulated TaskManager about its job: which tasks run in each
 * slot, which managed memory use case each allocation site belongs to, and the operators' weights
 * within OPERATOR (Flink's declared managed memory weights). The fractions are computed from this
 * before the first event, as Flink computes them when it builds the job graph.
 */
export interface FlinkJobShape {
	/** Task names; the owners in the events are `slot<i>/<task>`. */
	readonly tasks: readonly FlinkTask[];
	/** Allocation site to use case. A site not listed is OPERATOR; `network.*` sites go to the buffer pool. */
	readonly sites: Readonly<Record<string, ManagedMemoryUseCase>>;
}

export interface FlinkTask {
	readonly name: string;
	/** Its weight among the slot's OPERATOR consumers (0 or absent: it uses no OPERATOR memory). */
	readonly operatorWeight?: number;
}

/**
 * The job Flink assumes for a workload that declares none (a trace, a non-Flink generator): one
 * operator per slot using all of the slot's OPERATOR memory, every site OPERATOR.
 */
export const anonymousJob: FlinkJobShape = {tasks: [{name: '*', operatorWeight: 1}], sites: {}};

/** A workload that can run as a Flink job: the `--flink` run tells it the slot count and page budgets. */
export interface FlinkShaped {
	readonly job: FlinkJobShape;
	/** Called once before the first event: slots, and each task's pages (OPERATOR) or each use case's pages (slot scope). */
	useTaskManager(layout: TaskManagerLayout): void;
}

export interface TaskManagerLayout {
	readonly slots: number;
	readonly pageSize: number;
	/** Pages one slot gives `task`'s OPERATOR allocations (0 when it has no OPERATOR weight). */
	operatorPages(task: string): number;
	/** Pages one slot gives a slot-scope use case (STATE_BACKEND, PYTHON), shared by the slot's tasks. */
	useCasePages(useCase: ManagedMemoryUseCase): number;
}

export function isFlinkShaped(source: unknown): source is FlinkShaped {
	const candidate = source as Partial<FlinkShaped> | undefined;
	return typeof candidate?.useTaskManager === 'function' && typeof candidate.job === 'object';
}

/** Sites whose allocations are network buffer requests rather than managed memory. */
export const networkSites = {
	/** `a <id> <channels> network.gate <owner>`: an input gate with that many input channels. */
	gate: 'network.gate',
	/** `a <id> <subpartitions> network.partition <owner>`: a pipelined result partition. */
	partition: 'network.partition',
} as const;

/** `slot3/sort` -> {slot: 3, task: 'sort'}; an owner without the prefix runs in slot 0. */
export function parseOwner(owner: string): {slot: number; task: string} {
	const match = /^slot(\d+)\/(.*)$/.exec(owner);
	return match ? {slot: Number(match[1]), task: match[2]!} : {slot: 0, task: owner};
}

export function ownerName(slot: number, task: string): string {
	return `slot${slot}/${task}`;
}
