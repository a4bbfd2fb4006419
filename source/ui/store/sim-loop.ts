import type {Simulation} from '../../engine/simulation.js';
import {defaultSpeed, eventsPerFrame, faster, slower} from './speed.js';

/** Events applied between two looks at the clock: small enough to stop near a deadline. */
const chunk = 2048;

/**
 * The pace of the simulation under the dashboard: how many events each frame applies, pause, single
 * steps and run-to-end. Stepping is synchronous (`stepSync`) and bounded by a deadline, so a frame is
 * never late because the simulation is busy; when a trace's buffer runs dry, `fill()` runs off the
 * frame and stepping resumes when it answers (still within the frame's deadline).
 */
export class SimLoop {
	speed = defaultSpeed;
	paused = false;
	toEnd = false;
	/** Events still owed to `.`/`,` steps. */
	private owed = 0;
	private filling: Promise<void> | undefined;
	private deadline = 0;
	private appliedThisFrame = 0;

	constructor(
		private readonly sim: Simulation,
		private readonly now: () => number,
		/** Called when events were applied outside `advance` (after a fill), or when a fill failed. */
		private readonly onAsync: (error?: unknown) => void = () => {},
	) {}

	get finished(): boolean {
		return this.sim.finished;
	}

	get waiting(): boolean {
		return this.filling !== undefined;
	}

	togglePause(): void {
		this.paused = !this.paused;
		if (!this.paused) this.owed = 0;
	}

	/** Pause and owe `events` more; they are applied at the next frame. */
	step(events: number): void {
		this.paused = true;
		this.owed += events;
	}

	faster(): void {
		this.speed = faster(this.speed);
		this.toEnd = false;
	}

	slower(): void {
		this.speed = slower(this.speed);
		this.toEnd = false;
	}

	runToEnd(): void {
		this.toEnd = true;
		this.paused = false;
	}

	/** Events of a batch step: the current pace's events per frame (a capped batch at max). */
	get batch(): number {
		const perFrame = eventsPerFrame(this.speed);
		return Number.isFinite(perFrame) ? perFrame : 8192;
	}

	/** Apply this frame's events, stopping at `deadline` (ms of the loop's clock). Returns events applied. */
	advance(deadline: number): number {
		this.deadline = deadline;
		this.appliedThisFrame = 0;
		return this.run();
	}

	private target(): number {
		if (this.owed > 0) return this.owed;
		if (this.paused || this.sim.finished) return 0;
		return (this.toEnd ? Number.POSITIVE_INFINITY : eventsPerFrame(this.speed)) - this.appliedThisFrame;
	}

	private run(): number {
		let applied = 0;
		while (!this.filling) {
			const target = this.target();
			if (target <= 0) break;
			const n = this.sim.stepSync(Math.min(target, chunk));
			applied += n;
			this.appliedThisFrame += n;
			if (this.owed > 0) this.owed = Math.max(0, this.owed - n);
			if (n === 0) {
				if (this.sim.finished) {
					this.owed = 0;
					break;
				}
				this.startFill();
				break;
			}
			if (this.now() >= this.deadline) break;
		}
		return applied;
	}

	private startFill(): void {
		this.filling = this.sim.fill().then(
			() => {
				this.filling = undefined;
				const applied = this.now() < this.deadline ? this.run() : 0;
				if (applied > 0 || this.sim.finished) this.onAsync();
			},
			(error: unknown) => {
				this.filling = undefined;
				this.paused = true;
				this.onAsync(error);
			},
		);
	}
}
