import type {Simulation} from '../engine/simulation.js';
import {captureCheckpoint, restoreCheckpoint, trackStrategyState, type EngineCheckpoint} from './engine-checkpoint.js';
import {advanceTo, type Replay} from './replay.js';

/** Collectors that keep state in closures a checkpoint cannot reach: sessions using them seek by re-simulating. */
const closureStateCollectors: ReadonlySet<string> = new Set(['copying', 'generational']);

export interface SeekIndexOptions {
	/** Checkpoints over the session (fewer when they outgrow the budget); at least 20,000 events apart. */
	readonly checkpoints?: number;
	/** Most bytes all checkpoints may hold; beyond it every other checkpoint is dropped. */
	readonly budgetBytes?: number;
	readonly onProgress?: (event: number, end: number) => void;
}

/** What a seek compares to trust checkpoints: figures read without side effects (no `summary()`). */
export function fingerprint(sim: Simulation): string {
	const {metrics: m, heap: h} = sim;
	const gc = sim.gcStats;
	return JSON.stringify([sim.eventNumber, m.allocs, m.frees, m.failures, m.peakLiveBytes, m.highWaterBytes, m.maxExternalFragmentation, h.payloadBytes, h.usedBlocks, h.freeBytes, h.freeBlocks, h.top, gc.cycles, gc.reclaimedBytes, sim.alerts().length, sim.heap.strategy.handles().join(',')]);
}

/**
 * Seeking in a replayed session. With checkpoints (the usual case), `build` runs the session once,
 * keeping 128 engine checkpoints evenly spaced (a 10M-event session: one every 78,125 events, which
 * the engine steps in well under a tenth of a second), then checks one restore against the straight run; a seek restores the nearest checkpoint at or
 * before the target and steps the rest. Sessions a checkpoint cannot hold (a trace read from a file,
 * the copying and generational collectors) seek by stepping forward, or re-simulating from the start
 * to go back; `note` says why.
 */
export class SeekIndex {
	private readonly checkpoints: EngineCheckpoint[] = [];
	private bytes = 0;
	private maxCapacity = 0;
	/** Events between two checkpoints. */
	private interval = 0;
	private note?: string;

	private constructor(
		private current: Replay,
		private readonly reopen: () => Promise<Replay>,
		/** Last event of the session (where the recording stopped, or where the workload ended). */
		public end: number,
	) {}

	static async build(reopen: () => Promise<Replay>, options: SeekIndexOptions = {}): Promise<SeekIndex> {
		const replay = await reopen();
		const session = replay.session;
		const end = replay.stopAt ?? session.end?.event ?? session.lastEvent;
		const index = new SeekIndex(replay, reopen, end);
		const why = index.unsupported();
		if (why) index.note = `seeking back re-simulates from the start: ${why}`;
		else await index.index(options);
		return index;
	}

	get sim(): Simulation {
		return this.current.sim;
	}

	get replay(): Replay {
		return this.current;
	}

	/** Why seeking is slower for this session, if it is. */
	get limitation(): string | undefined {
		return this.note;
	}

	get stats(): {checkpoints: number; bytes: number} {
		return {checkpoints: this.checkpoints.length, bytes: this.bytes};
	}

	/** Move the engine to `target` (clamped to the session); returns the simulation to show (a new one after a re-simulation). */
	async seek(target: number): Promise<Simulation> {
		const to = Math.max(0, Math.min(Math.round(target), this.end));
		let sim = this.sim;
		const base = this.checkpointAtOrBefore(to);
		const behind = sim.eventNumber > to;
		if (base && (behind || base.event > sim.eventNumber)) {
			restoreCheckpoint(sim, base, Math.max(this.maxCapacity, sim.blocks.capacity));
		} else if (behind) {
			this.current = await this.reopen();
			sim = this.sim;
		}
		await this.advance(to);
		return sim;
	}

	private async advance(to: number): Promise<void> {
		const {sim, stopAt} = this.current;
		await advanceTo(sim, to);
		// At the end of a workload that ended by itself, one more read finishes the run as the original did.
		if (to >= this.end && stopAt === undefined && !sim.finished) await sim.runToEnd(this.end);
	}

	private checkpointAtOrBefore(event: number): EngineCheckpoint | undefined {
		let found: EngineCheckpoint | undefined;
		for (const checkpoint of this.checkpoints) {
			if (checkpoint.event > event) break;
			found = checkpoint;
		}
		return found;
	}

	private unsupported(): string | undefined {
		const {sim, changes} = this.current;
		if (!('readSync' in sim.source)) return 'the trace is read from its file, which a checkpoint cannot rewind';
		const collectors = [sim.params.collector, ...changes.filter((change) => change.key === 'gc').map((change) => change.value ?? '')];
		const held = collectors.find((name) => closureStateCollectors.has(name));
		return held ? `the ${held} collector keeps state a checkpoint cannot copy` : undefined;
	}

	/** Run the session once, keeping checkpoints; then test one restore against the straight run. */
	private async index(options: SeekIndexOptions): Promise<void> {
		const sim = this.sim;
		trackStrategyState(sim);
		const budget = options.budgetBytes ?? 1024 ** 3;
		const prints = new Map<number, string>();
		const keep = () => {
			const checkpoint = captureCheckpoint(sim);
			this.checkpoints.push(checkpoint);
			this.bytes += checkpoint.state.bytes;
			prints.set(checkpoint.event, fingerprint(sim));
			if (this.bytes > budget && this.checkpoints.length > 2) this.thin();
		};
		keep();
		this.interval = Math.max(20_000, Math.ceil(this.end / (options.checkpoints ?? 128)));
		while (sim.eventNumber < this.end && !sim.finished) {
			const next = Math.min(this.end, this.checkpoints.at(-1)!.event + this.interval);
			await advanceTo(sim, next);
			options.onProgress?.(sim.eventNumber, this.end);
			if (sim.eventNumber < next || sim.eventNumber >= this.end) break;
			keep();
			// Let a progress line draw and a signal stop us.
			await new Promise((resolve) => setImmediate(resolve));
		}
		if (this.current.stopAt === undefined && !sim.finished) await sim.runToEnd(this.end);
		this.end = sim.eventNumber;
		this.maxCapacity = sim.blocks.capacity;
		await this.verify(prints);
	}

	/** Restore the middle checkpoint, step to the next one, and compare with what the straight run saw there. */
	private async verify(prints: Map<number, string>): Promise<void> {
		const n = this.checkpoints.length;
		if (n < 2) return;
		const i = Math.floor((n - 1) / 2);
		const from = this.checkpoints[i]!;
		const to = this.checkpoints[i + 1]!;
		restoreCheckpoint(this.sim, from, this.maxCapacity);
		await advanceTo(this.sim, to.event);
		if (this.sim.eventNumber !== to.event || fingerprint(this.sim) !== prints.get(to.event)) {
			this.checkpoints.length = 0;
			this.bytes = 0;
			this.note = 'seeking back re-simulates from the start: a restored checkpoint did not replay the same way';
			this.current = await this.reopen();
		}
	}

	/** Over the memory budget: keep every other checkpoint (the first one always). */
	private thin(): void {
		const kept = this.checkpoints.filter((_, i) => i % 2 === 0);
		this.checkpoints.length = 0;
		this.checkpoints.push(...kept);
		this.bytes = kept.reduce((sum, checkpoint) => sum + checkpoint.state.bytes, 0);
		this.interval *= 2;
	}
}
