import {InputError} from '../../engine/input-error.js';
import {Simulation} from '../../engine/simulation.js';
import type {Session} from '../../recording/reader.js';
import type {SeekIndex} from '../../recording/seek-index.js';
import {DashboardStore, type StoreOptions} from '../store/dashboard-store.js';
import type {ReviewCommand} from './review-keys.js';
import {markFrom, reviewMarks, type ReviewMark} from './review-marks.js';
import type {TimelineState} from './timeline-bar.js';

/** Simulations whose end-of-session listener is installed (the emitter is not part of a checkpoint). */
const listening = new WeakSet<Simulation>();

/**
 * Review mode: the dashboard over a replayed session, with a position that can move. Playing is the
 * dashboard's own loop (space, + and -); a seek moves the engine through the seek index and starts a
 * fresh store at the new position (trends and rates start again there; the Events pane is filled
 * with the recorded changes and alerts up to it). Parameter keys are refused: the review shows the
 * recorded run, and `memsim replay FILE --strategy X` is the way to ask "what if".
 */
export class ReviewController {
	readonly marks: readonly ReviewMark[];
	private current: DashboardStore;
	private readonly listeners = new Set<() => void>();
	private timeline: TimelineState;
	private seeking = false;
	private queued: number | undefined;

	constructor(
		private readonly index: SeekIndex,
		session: Session,
		private readonly storeOptions: StoreOptions = {},
	) {
		this.marks = reviewMarks(session);
		this.current = this.storeFor(index.sim);
		this.timeline = this.timelineState();
	}

	get store(): DashboardStore {
		return this.current;
	}

	get end(): number {
		return this.index.end;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getStore = (): DashboardStore => this.current;

	getTimeline = (): TimelineState => this.timeline;

	start(): void {
		this.current.start();
	}

	stop(): void {
		this.current.stop();
	}

	/** A review key: move the position. */
	command(command: ReviewCommand): void {
		const position = this.current.sim.eventNumber;
		switch (command.type) {
			case 'seekBy':
				return void this.seekTo(position + command.fraction * this.end);
			case 'seekTo':
				return void this.seekTo(command.where === 'start' ? 0 : this.end);
			case 'mark': {
				const mark = markFrom(this.marks, position, command.direction);
				if (mark) void this.seekTo(mark.event);
				return;
			}
		}
	}

	/** Move to `target`; seeks asked for while one runs collapse into the latest. */
	async seekTo(target: number): Promise<void> {
		this.queued = Math.max(0, Math.min(this.end, Math.round(target)));
		if (this.seeking) return;
		this.seeking = true;
		this.publishTimeline();
		try {
			while (this.queued !== undefined) {
				const to = this.queued;
				this.queued = undefined;
				await this.move(to);
			}
		} catch (error) {
			this.current.note(`seek failed: ${(error as Error).message}`);
		} finally {
			this.seeking = false;
			this.publishTimeline();
		}
	}

	private async move(to: number): Promise<void> {
		const old = this.current;
		const {paused, speed} = old.loop;
		old.stop();
		const sim = await this.index.seek(to);
		const store = this.storeFor(sim, old);
		store.loop.paused = paused || sim.eventNumber >= this.end;
		store.loop.speed = speed;
		this.current = store;
		store.start();
		for (const listener of this.listeners) listener();
	}

	private storeFor(sim: Simulation, previous?: DashboardStore): DashboardStore {
		this.prepare(sim);
		const store = new DashboardStore(sim, {...this.storeOptions, view: previous?.viewState});
		for (const mark of this.marks) if (mark.event <= sim.eventNumber) store.note(`${mark.text} (recorded)`, mark.event);
		// The timeline follows the store's frames: one update per frame, not per engine step.
		store.subscribe(() => {
			if (store === this.current) this.publishTimeline();
		});
		return store;
	}

	/**
	 * Stop stepping at the session's end; refuse changes from keys (recorded changes are 'scripted').
	 * Installed on the instance, and again after a restore (a checkpoint taken before removes them).
	 */
	private prepare(sim: Simulation): void {
		if (!Object.hasOwn(sim, 'stepSync')) this.wrap(sim);
		if (listening.has(sim)) return;
		listening.add(sim);
		sim.events.on('step', ({event}) => {
			if (sim === this.current.sim && event >= this.end) this.reachedEnd(sim);
		});
	}

	private wrap(sim: Simulation): void {
		const step = Simulation.prototype.stepSync.bind(sim);
		sim.stepSync = (max: number) => step(Math.max(0, Math.min(max, this.end - sim.eventNumber)));
		const apply = Simulation.prototype.apply.bind(sim);
		sim.apply = (change, origin = 'user') => {
			if (origin === 'user') {
				throw new InputError("review mode replays the recorded changes; to try other parameters, run 'memsim replay FILE --headless' with run options");
			}
			apply(change, origin);
		};
	}

	/** At the end of the session: stop the loop; a workload that ended by itself finishes as the original did. */
	private reachedEnd(sim: Simulation): void {
		this.current.loop.paused = true;
		if (this.index.replay.stopAt === undefined && !sim.finished) void sim.runToEnd(this.end).then(() => this.current.invalidate());
	}

	private timelineState(): TimelineState {
		return {
			position: this.current.sim.eventNumber,
			end: this.end,
			marks: this.marks,
			seeking: this.seeking,
			limitation: this.index.limitation,
		};
	}

	private publishTimeline(): void {
		const next = this.timelineState();
		const last = this.timeline;
		if (last && last.position === next.position && last.seeking === next.seeking && last.end === next.end) return;
		this.timeline = next;
		for (const listener of this.listeners) listener();
	}
}
