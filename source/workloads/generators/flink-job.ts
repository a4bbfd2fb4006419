import {noName, Op, type OpCode} from '../../engine/events.js';
import {defaultLayout} from '../../flink/sim/flink-run.js';
import {ownerName, type FlinkJobShape, type FlinkShaped, type TaskManagerLayout} from '../../flink/sim/job-shape.js';
import {GeneratorSource, type GeneratorOptions} from './generator-source.js';

/**
 * The common part of the Flink-shaped workloads: a job of tasks run once per slot (owners
 * `slot<i>/<task>`), sizes in pages of the TaskManager's segment size, and page budgets that a
 * `--flink` run sets from its configuration (without it, Flink's default TaskManager: 1728m, one slot).
 * A batch job also knows how many events it may emit, so it can finish and release everything
 * before its input runs out, as a bounded job does.
 */
export abstract class FlinkJobWorkload extends GeneratorSource implements FlinkShaped {
	abstract readonly job: FlinkJobShape;
	readonly hasGraph = false;
	private chosen?: TaskManagerLayout;
	private queued = 0;
	private readonly eventLimit: number;

	constructor(options: GeneratorOptions) {
		super(options);
		this.eventLimit = options.events ?? Number.POSITIVE_INFINITY;
	}

	useTaskManager(layout: TaskManagerLayout): void {
		this.chosen = layout;
	}

	protected get layout(): TaskManagerLayout {
		this.chosen ??= defaultLayout(this.job);
		return this.chosen;
	}

	protected get pageSize(): number {
		return this.layout.pageSize;
	}

	/** Events the job may still emit before its budget (`events`) ends; Infinity when endless. */
	protected get eventsLeft(): number {
		return this.eventLimit - this.queued;
	}

	protected owner(slot: number, task: string): number {
		return this.owners.intern(ownerName(slot, task));
	}

	protected override emit(op: OpCode, id: number, arg = 0, site = noName, owner = noName): void {
		this.queued++;
		super.emit(op, id, arg, site, owner);
	}

	/** `count` whole pages, less up to `slack` bytes of the last one (the request Flink rounds up). */
	protected pages(count: number, slack = 0): number {
		return count * this.pageSize - (slack > 0 ? this.rng.int(0, Math.min(slack, this.pageSize - 1)) : 0);
	}

	protected taskStart(owner: number): void {
		this.emit(Op.taskStart, 0, 0, noName, owner);
	}

	protected taskEnd(owner: number): void {
		this.emit(Op.taskEnd, 0, 0, noName, owner);
	}

	protected tick(units = 1): void {
		this.emit(Op.tick, 0, units);
	}
}
