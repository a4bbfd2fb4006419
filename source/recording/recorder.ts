import type {ChangeEvent} from '../engine/simulation-events.js';
import type {Simulation} from '../engine/simulation.js';
import type {ChangeLine, EndReason, SessionHeader, SnapshotLine} from './format.js';
import {RecordingError, type SessionWriter} from './writer.js';

/** The metric figures of one snapshot line, read from the engine as it stands. */
export function snapshotOf(sim: Simulation, at: number): SnapshotLine {
	const heap = sim.heap;
	const highWater = sim.metrics.highWaterBytes;
	const largestFreeBytes = heap.freeBytes > 0 ? heap.largestFree() : 0;
	return {
		type: 'snapshot',
		event: sim.eventNumber,
		at,
		liveBytes: heap.payloadBytes,
		liveBlocks: heap.usedBlocks,
		usedBytes: heap.usedBlockBytes,
		highWaterBytes: highWater,
		heapBytes: heap.top,
		freeBytes: heap.freeBytes,
		largestFreeBytes,
		utilization: highWater > 0 ? heap.payloadBytes / highWater : 0,
		externalFragmentation: heap.freeBytes > 0 ? 1 - largestFreeBytes / heap.freeBytes : 0,
		failures: sim.metrics.failures,
		strategy: sim.params.strategy,
	};
}

export function changeLine(change: ChangeEvent, at: number): ChangeLine {
	return {
		type: 'change',
		event: change.event,
		at,
		key: change.key,
		...(change.value === undefined ? {} : {value: change.value}),
		...(change.previous === undefined ? {} : {previous: change.previous}),
		origin: change.origin,
		description: change.description,
	};
}

/**
 * Writes a simulation's timeline to a session: every change (flushed at once), a snapshot every
 * `snapshotEvery` events, each collection cycle and each alert as it first appears, and on `finish`
 * the closing summary. It only listens: the run goes exactly as it would unrecorded.
 */
export class SessionRecorder {
	private readonly unsubscribe: Array<() => void> = [];
	private nextSnapshot: number;
	private readonly started: number;
	private finished = false;
	/** Set when the file stopped taking lines; the recorder then stops listening. */
	error?: RecordingError;
	/** Called once when writing fails (the dashboard shows it; the headless run stops on it). */
	onError: (error: RecordingError) => void = () => {};

	constructor(
		private readonly sim: Simulation,
		private readonly writer: SessionWriter,
		readonly header: SessionHeader,
		private readonly now: () => number,
		/** Changes made before recording began (the `R` key mid-run): written first so replay repeats them. */
		earlier: readonly ChangeLine[] = [],
	) {
		this.started = now();
		writer.write(header, true);
		for (const change of earlier) writer.write(change);
		if (earlier.length > 0) writer.flush();
		this.nextSnapshot = sim.eventNumber + header.snapshotEvery;
		const events = sim.events;
		this.unsubscribe.push(
			events.on('change', (change) => this.guard(() => writer.write(changeLine(change, this.at()), true))),
			events.on('gc', (cycle) => this.guard(() => writer.write({type: 'gc', event: cycle.event, at: this.at(), cycle}))),
			events.on('alert', (alert) => this.guard(() => writer.write({type: 'alert', event: sim.eventNumber, at: this.at(), alert}))),
			events.on('step', ({event}) => this.guard(() => this.stepped(event))),
		);
	}

	get file(): string {
		return this.writer.file;
	}

	get lines(): number {
		return this.writer.lineCount;
	}

	get isFinished(): boolean {
		return this.finished;
	}

	/** Events from `event` to the next snapshot: a headless run steps exactly there, so snapshots fall on multiples. */
	eventsUntilSnapshot(event: number): number {
		return Math.max(1, this.nextSnapshot - event);
	}

	/** Flush a line that has waited a second (an idle dashboard has no steps to trigger it). */
	tick(): void {
		this.guard(() => this.writer.tick());
	}

	/** Close the timeline with the summary the run ended with; safe to call twice (the second is ignored). */
	finish(reason: EndReason, summary: Record<string, unknown>): void {
		if (this.finished) return;
		this.finished = true;
		for (const off of this.unsubscribe) off();
		if (this.writer.isClosed) return;
		this.writer.write(snapshotOf(this.sim, this.at()));
		this.writer.write({type: 'end', event: this.sim.eventNumber, at: this.at(), reason, summary});
		this.writer.close();
	}

	/** Engine listeners must not throw into the simulation: a failed write stops the recording instead. */
	private guard(write: () => void): void {
		if (this.error) return;
		try {
			write();
		} catch (error) {
			if (!(error instanceof RecordingError)) throw error;
			this.error = error;
			this.finished = true;
			for (const off of this.unsubscribe) off();
			this.onError(error);
		}
	}

	private at(): number {
		return Math.round(this.now() - this.started);
	}

	private stepped(event: number): void {
		if (event < this.nextSnapshot) return;
		this.writer.write(snapshotOf(this.sim, this.at()));
		const every = this.header.snapshotEvery;
		this.nextSnapshot = (Math.floor(event / every) + 1) * every;
	}
}
