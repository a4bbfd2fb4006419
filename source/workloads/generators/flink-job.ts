import {noName, Op, type OpCode} from '../../engine/events.js';
import {defaultLayout} from '../../flink/sim/flink-run.js';
import {ownerName, type FlinkJobShape, type FlinkShaped, type TaskManagerLayout} from '../../flink/sim/job-shape.js';
import {GeneratorSource} from './generator-source.js';

/**
 * The common part of the Flink-shaped workloads: a job of tasks run once per slot (owners
 * `slot<i>/<task>`), sizes in pages of the TaskManager's segment size, and page budgets that a
 * `--flink` run sets from its configuration (without it, Flink's default TaskManager: 1728m, one slot).
 * A batch job runs in rounds of `roundEvents` events, one execution of the job each, so that a run
 * cut at a multiple of it (200,000 events headless) ends between executions, everything released.
 * The stream stays one endless sequence: a run of `events` events is its first `events` events.
 */
export abstract class FlinkJobWorkload extends GeneratorSource implements FlinkShaped {
	abstract readonly job: FlinkJobShape;
	readonly hasGraph = false;
	private chosen?: TaskManagerLayout;
	private queued = 0;

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

	/** Events of one execution of a batch job: 10,000 per eight slots. */
	protected get roundEvents(): number {
		return 10_000 * Math.ceil(this.layout.slots / 8);
	}

	/** Events left in the current execution (a full round at its start). */
	protected get eventsLeftInRound(): number {
		return this.roundEvents - (this.queued % this.roundEvents);
	}

	/** The execution is over: idle until the next one starts. */
	protected idleToRoundEnd(): void {
		for (let left = this.eventsLeftInRound; left > 0 && left < this.roundEvents; left--) this.tick();
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
