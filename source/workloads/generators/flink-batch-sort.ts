import {Op} from '../../engine/events.js';
import type {FlinkJobShape} from '../../flink/sim/job-shape.js';
import {FlinkJobWorkload} from './flink-job.js';

const bufferSite = 'sort.buffer';
const mergeSite = 'sort.merge';
/** Two sorters per slot, weighted 2:1 within OPERATOR (their declared managed memory weights). */
const sorters = [
	{task: 'sort-orders', weight: 2},
	{task: 'sort-lineitems', weight: 1},
];
/** A sorter's memory is cut into this many sort buffers. */
const buffersPerSorter = 32;
/** The most events one step emits (a merge: its buffers, records, their release), kept in reserve at the end. */
const maxStepEvents = 2 * buffersPerSorter + 16;

interface Sorter {
	readonly owner: number;
	/** Pages of one sort buffer. */
	readonly chunk: number;
	readonly budget: number;
	readonly held: number[];
	running: boolean;
	/** Fills left before the input is consumed. */
	fillsLeft: number;
}

/**
 * A batch job sorting two inputs (Flink's ExternalSorter), one subtask of each sorter per slot. A
 * sorter fills its managed memory share with sort buffers as records arrive; when the next buffer
 * would not fit its share it spills the sorted buffers to disk and releases them; once the input is
 * consumed it merges the spilled runs through a few read buffers, releases everything and ends.
 * Healthy: every page comes back before its task ends. Each execution of the job takes 10,000
 * events: near their end the sorts still running finish, and the job idles until the next one.
 */
export class FlinkBatchSortWorkload extends FlinkJobWorkload {
	readonly name = 'flink-batch-sort';
	readonly leakingSites: readonly string[] = [];
	readonly job: FlinkJobShape = {
		tasks: sorters.map(({task, weight}) => ({name: task, operatorWeight: weight})),
		sites: {[bufferSite]: 'OPERATOR', [mergeSite]: 'OPERATOR'},
	};
	private readonly bufferSiteId = this.sites.intern(bufferSite);
	private readonly mergeSiteId = this.sites.intern(mergeSite);
	private all: Sorter[] = [];
	private heldTotal = 0;

	protected step(): void {
		if (this.all.length === 0) this.all = this.openSorters();
		if (this.eventsLeftInRound <= this.heldTotal + 2 * this.all.length + maxStepEvents) return this.finishJob();
		const sorter = this.all[this.now % this.all.length]!;
		if (!sorter.running) return this.startRun(sorter);
		// Records arrive and are written into the current sort buffer.
		for (let records = this.rng.int(1, 5); records > 0; records--) this.tick();
		if (sorter.held.length * sorter.chunk + sorter.chunk > sorter.budget) {
			this.spill(sorter);
			if (--sorter.fillsLeft <= 0) this.mergeAndEnd(sorter);
			return;
		}
		this.allocate(sorter, this.bufferSiteId);
	}

	private startRun(sorter: Sorter): void {
		sorter.running = true;
		sorter.fillsLeft = this.rng.int(2, 5);
		this.taskStart(sorter.owner);
	}

	private allocate(sorter: Sorter, site: number): void {
		const id = this.newId();
		this.emit(Op.alloc, id, this.pages(sorter.chunk), site, sorter.owner);
		sorter.held.push(id);
		this.heldTotal++;
	}

	/** The sort buffers are full: they are written out as a sorted run and their pages released. */
	private spill(sorter: Sorter): void {
		this.tick(sorter.held.length);
		this.release(sorter);
	}

	private release(sorter: Sorter): void {
		for (const id of sorter.held) this.emit(Op.free, id);
		this.heldTotal -= sorter.held.length;
		sorter.held.length = 0;
	}

	/** Merge the spilled runs through a handful of read buffers, release them and end the task. */
	private mergeAndEnd(sorter: Sorter): void {
		const readers = Math.min(buffersPerSorter, Math.max(1, Math.floor(sorter.budget / sorter.chunk)), this.rng.int(4, 8));
		for (let i = 0; i < readers; i++) this.allocate(sorter, this.mergeSiteId);
		this.tick(readers);
		this.release(sorter);
		this.taskEnd(sorter.owner);
		sorter.running = false;
	}

	/** The execution's input is consumed: every running sort releases its memory and its task ends. */
	private finishJob(): void {
		for (const sorter of this.all) {
			if (!sorter.running) continue;
			this.release(sorter);
			this.taskEnd(sorter.owner);
			sorter.running = false;
		}
		this.idleToRoundEnd();
	}

	private openSorters(): Sorter[] {
		const list: Sorter[] = [];
		for (let slot = 0; slot < this.layout.slots; slot++) {
			for (const {task} of sorters) {
				const budget = this.layout.operatorPages(task);
				const chunk = Math.max(1, Math.floor(budget / buffersPerSorter));
				list.push({owner: this.owner(slot, task), chunk, budget, held: [], running: false, fillsLeft: 0});
			}
		}
		return list;
	}
}
