import {Op} from '../../engine/events.js';
import type {FlinkJobShape} from '../../flink/sim/job-shape.js';
import {FlinkJobWorkload} from './flink-job.js';

const buildSite = 'hashjoin.build';
const task = 'hash-join';
/** The join's memory is cut into this many build buffers. */
const buffersPerJoin = 48;
const maxStepEvents = 2 * buffersPerJoin + 16;

interface Join {
	readonly owner: number;
	readonly budget: number;
	readonly chunk: number;
	readonly held: number[];
	phase: 'idle' | 'build' | 'probe';
	/** Pages of build side still to read, and pages written to disk by spilling. */
	toBuild: number;
	spilled: number;
	probesLeft: number;
}

/**
 * A batch hash join (Flink's hybrid hash join), one subtask per slot. It reads the build side into
 * hash table pages; when the next page would not fit its managed memory share it spills half its
 * partitions to disk (releasing their pages) and goes on. Then it probes, releases the table, and,
 * if it spilled, joins the spilled partitions in a second pass before releasing everything and
 * ending. Build sides are drawn from a quarter to one and a half of the share, so some spill. Healthy;
 * in executions of 10,000 events like flink-batch-sort.
 */
export class FlinkHashJoinWorkload extends FlinkJobWorkload {
	readonly name = 'flink-hash-join';
	readonly leakingSites: readonly string[] = [];
	readonly job: FlinkJobShape = {tasks: [{name: task, operatorWeight: 1}], sites: {[buildSite]: 'OPERATOR'}};
	private readonly site = this.sites.intern(buildSite);
	private joins: Join[] = [];
	private heldTotal = 0;

	protected step(): void {
		if (this.joins.length === 0) this.joins = this.openJoins();
		if (this.eventsLeftInRound <= this.heldTotal + 2 * this.joins.length + maxStepEvents) return this.finishJob();
		const join = this.joins[this.now % this.joins.length]!;
		if (join.phase === 'idle') return this.start(join);
		for (let records = this.rng.int(1, 4); records > 0; records--) this.tick();
		if (join.phase === 'build') this.build(join);
		else if (--join.probesLeft <= 0) this.endProbe(join);
	}

	private start(join: Join): void {
		join.phase = 'build';
		join.toBuild = this.rng.int(Math.max(1, Math.floor(join.budget / 4)), Math.max(1, Math.floor((join.budget * 3) / 2)));
		join.spilled = 0;
		this.taskStart(join.owner);
	}

	private build(join: Join): void {
		if (join.toBuild <= 0) {
			join.phase = 'probe';
			join.probesLeft = this.rng.int(20, 60);
			return;
		}
		if ((join.held.length + 1) * join.chunk > join.budget) {
			// Spill: the larger half of the partitions goes to disk.
			const spill = Math.ceil(join.held.length / 2);
			for (const id of join.held.splice(0, spill)) this.emit(Op.free, id);
			this.heldTotal -= spill;
			join.spilled += spill * join.chunk;
			this.tick(spill);
			if (spill === 0) join.toBuild = 0;
			return;
		}
		this.allocate(join);
		join.toBuild -= join.chunk;
	}

	/** The probe side is done: release the table; join the spilled partitions in a second pass, or end. */
	private endProbe(join: Join): void {
		this.release(join);
		if (join.spilled > 0) {
			join.phase = 'build';
			join.toBuild = join.spilled;
			join.spilled = 0;
			return;
		}
		join.phase = 'idle';
		this.taskEnd(join.owner);
	}

	private allocate(join: Join): void {
		const id = this.newId();
		this.emit(Op.alloc, id, this.pages(join.chunk), this.site, join.owner);
		join.held.push(id);
		this.heldTotal++;
	}

	private release(join: Join): void {
		for (const id of join.held) this.emit(Op.free, id);
		this.heldTotal -= join.held.length;
		join.held.length = 0;
	}

	private finishJob(): void {
		for (const join of this.joins) {
			if (join.phase === 'idle') continue;
			this.release(join);
			this.taskEnd(join.owner);
			join.phase = 'idle';
		}
		this.idleToRoundEnd();
	}

	private openJoins(): Join[] {
		return Array.from({length: this.layout.slots}, (_, slot) => {
			const budget = this.layout.operatorPages(task);
			return {
				owner: this.owner(slot, task),
				budget,
				chunk: Math.max(1, Math.floor(budget / buffersPerJoin)),
				held: [],
				phase: 'idle' as const,
				toBuild: 0,
				spilled: 0,
				probesLeft: 0,
			};
		});
	}
}
