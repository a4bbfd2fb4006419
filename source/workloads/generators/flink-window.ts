import {Op} from '../../engine/events.js';
import type {FlinkJobShape} from '../../flink/sim/job-shape.js';
import type {GeneratorOptions} from './generator-source.js';
import {FlinkJobWorkload} from './flink-job.js';

export const windowStateSite = 'window.state';
const task = 'window-op';
/** Records per tumbling window, per slot. */
const windowRecords = 2000;
/** Without TTL: the chance that a record brings a key never seen before (a new session, a new device). */
const newKeyRate = 0.03;

interface SlotWindow {
	readonly owner: number;
	/** Key -> the state block it holds in the current window (or, without TTL, for good). */
	readonly state: Map<number, number>;
	records: number;
	started: boolean;
}

/**
 * A keyed tumbling-window aggregation (`keyBy(...).window(TumblingEventTimeWindows.of(...))`), one
 * subtask per slot. The first record of a key in a window creates its window state (one to three
 * pages, the last one partly used); later records of the key only update it. When the window fires,
 * its state is purged: the state site rises within each window and falls to nothing at its end.
 * State is STATE_BACKEND managed memory (a RocksDB-style backend that keeps it in managed pages).
 */
export class FlinkWindowWorkload extends FlinkJobWorkload {
	readonly name: string = 'flink-window';
	readonly leakingSites: readonly string[] = [];
	readonly job: FlinkJobShape = {tasks: [{name: task}], sites: {[windowStateSite]: 'STATE_BACKEND'}};
	protected readonly site = this.sites.intern(windowStateSite);
	private slots: SlotWindow[] = [];
	private nextKey = 0;

	constructor(
		options: GeneratorOptions,
		/** False: keyed state without TTL, never purged, while new keys keep coming. */
		private readonly ttl = true,
	) {
		super(options);
	}

	protected step(): void {
		if (this.slots.length === 0) this.slots = this.openSlots();
		const key = this.ttl ? this.rng.int(0, this.keySpace() - 1) : this.unboundedKey();
		// keyBy: a key's records all go to one subtask.
		const slot = this.slots[key % this.slots.length]!;
		if (!slot.started) {
			slot.started = true;
			this.taskStart(slot.owner);
		}
		if (slot.state.has(key)) this.tick();
		else this.createState(slot, key);
		if (this.ttl && ++slot.records >= windowRecords) this.fire(slot);
	}

	/** Keys a window can see: about a quarter as many as the slot's state pages, so a window's state fits with room to spare. */
	private keySpace(): number {
		return Math.max(16, Math.min(4096, Math.floor(this.layout.useCasePages('STATE_BACKEND') / 4)));
	}

	/** A new key now and then; otherwise one of the keys seen lately. */
	private unboundedKey(): number {
		if (this.nextKey === 0 || this.rng.chance(newKeyRate)) return this.nextKey++;
		return this.nextKey - 1 - Math.min(this.nextKey - 1, Math.floor(this.rng.exponential(20)));
	}

	private createState(slot: SlotWindow, key: number): void {
		const id = this.newId();
		this.emit(Op.alloc, id, this.pages(this.rng.int(1, 3), this.pageSize / 2), this.site, slot.owner);
		slot.state.set(key, id);
	}

	/** The window fires: its result goes downstream and its state is purged. */
	private fire(slot: SlotWindow): void {
		for (const id of slot.state.values()) this.emit(Op.free, id);
		slot.state.clear();
		slot.records = 0;
	}

	private openSlots(): SlotWindow[] {
		return Array.from({length: this.layout.slots}, (_, i) => ({
			owner: this.owner(i, task),
			state: new Map<number, number>(),
			records: 0,
			started: false,
		}));
	}
}
