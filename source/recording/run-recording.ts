import {buildChanges, parseEvents, parseSeed, type RunOptionValues} from '../commands/run-options.js';
import type {FlinkRunOptionValues} from '../commands/run-flink.js';
import {defaultHeadlessEvents} from '../commands/open-workload.js';
import type {Simulation} from '../engine/simulation.js';
import {ChangeHistory} from './change-history.js';
import {defaultSnapshotEvery, sessionExtension, type EndReason} from './format.js';
import {recordingPlan, runRecorded, startRecording, type RecordingContext, type RecordOptionValues, type RecordingPlan} from './record-run.js';
import type {SessionRecorder} from './recorder.js';
import {runSummary} from './run-summary.js';
import type {RecordingError} from './writer.js';

export type RunRecordingOptions = RunOptionValues & FlinkRunOptionValues & RecordOptionValues;

/** What the dashboard shows of the recording: in the header, and as lines in the Events pane. */
export interface RecordingStatus {
	readonly recording: boolean;
	readonly file?: string;
	readonly lines: number;
	readonly error?: string;
}

/**
 * The recording side of `memsim run`: `--record FILE` starts at once; the dashboard's `R` key starts
 * and stops recordings later (each start a new file). Whatever way the process ends, an open
 * recording is closed with an `end` line: at the end of the run, on quit, and in an `exit` handler
 * for signals (the writer is synchronous, so it still works there).
 */
export class RunRecording {
	private recorder?: SessionRecorder;
	private starts = 0;
	private readonly listeners = new Set<(status: RecordingStatus) => void>();
	private lastError?: RecordingError;
	/** The status as of the last start, stop or failure (a stable object for React's external stores). */
	private shown: RecordingStatus = {recording: false, lines: 0};
	private readonly onExit = () => this.finish('interrupted');

	private constructor(
		private readonly sim: Simulation,
		private readonly plan: RecordingPlan | undefined,
		private readonly context: RecordingContext,
	) {}

	/** Check the options, and with `--record` open the file and write the header before the run starts. */
	static async open(options: RunRecordingOptions, sim: Simulation, interactive: boolean): Promise<RunRecording> {
		const plan = recordingPlan(options);
		const history = new ChangeHistory(sim, buildChanges(options));
		const context: RecordingContext = {
			workload: {
				workload: options.workload,
				trace: options.trace,
				seed: parseSeed(options.seed),
				events: parseEvents(options.events) ?? (interactive ? undefined : defaultHeadlessEvents),
			},
			options: {flink: options.flink, conf: options.conf, define: options.define, slots: options.slots},
			history,
			terminal: interactive ? {columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24} : undefined,
		};
		const recording = new RunRecording(sim, plan, context);
		if (plan) await recording.start();
		return recording;
	}

	get active(): boolean {
		return this.recorder !== undefined && !this.recorder.isFinished;
	}

	/** The latest start, stop or failure; the same object until the next one. */
	status = (): RecordingStatus => this.shown;

	/** Listen for starts, stops and failures (the dashboard's header and Events pane). */
	subscribe = (listener: (status: RecordingStatus) => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** The `R` key: stop the recording, or start a new one. */
	async toggle(): Promise<void> {
		if (this.active) this.finish('stopped');
		else await this.start();
	}

	/** Flush a line that has waited a second (the dashboard calls this once a frame). */
	tick(): void {
		this.recorder?.tick();
	}

	/** Run headless to the end; with a recording, SIGINT/SIGTERM stop the run and the file is finished. */
	async run(onProgress: (events: number) => void): Promise<{reason: EndReason; signal?: NodeJS.Signals}> {
		if (!this.active) {
			await this.sim.runToEnd(Number.POSITIVE_INFINITY, onProgress);
			return {reason: 'finished'};
		}
		const result = await runRecorded(this.sim, this.recorder!, onProgress);
		if (this.lastError) throw this.lastError;
		return result;
	}

	/** Close the open recording (if any) with the summary as it stands now. */
	finish(reason: EndReason, summary: Record<string, unknown> = runSummary(this.sim)): void {
		const recorder = this.recorder;
		if (!recorder || recorder.isFinished) return;
		process.off('exit', this.onExit);
		try {
			// A run whose workload ended is 'finished' however it was closed: replay then finishes it too.
			recorder.finish(this.sim.finished ? 'finished' : reason, summary);
		} finally {
			this.notify();
		}
	}

	private async start(): Promise<void> {
		const plan = this.nextPlan();
		const recorder = await startRecording(plan, this.sim, this.context);
		recorder.onError = (error) => {
			this.lastError = error;
			process.off('exit', this.onExit);
			this.notify();
		};
		this.recorder = recorder;
		this.lastError = undefined;
		process.on('exit', this.onExit);
		this.notify();
	}

	/** `--record FILE` for the first start; later starts (and starts without it) get a new name each. */
	private nextPlan(): RecordingPlan {
		this.starts++;
		const base = this.plan ?? {file: `memsim-${timestamp(new Date())}${sessionExtension}`, embed: false, snapshotEvery: defaultSnapshotEvery};
		if (this.starts === 1) return base;
		const stem = base.file.endsWith(sessionExtension) ? base.file.slice(0, -sessionExtension.length) : base.file;
		return {...base, file: `${stem}-${this.starts}${sessionExtension}`};
	}

	private notify(): void {
		const recorder = this.recorder;
		const status: RecordingStatus = {
			recording: this.active,
			file: recorder?.file,
			lines: recorder?.lines ?? 0,
			...(this.lastError ? {error: this.lastError.message} : {}),
		};
		this.shown = status;
		for (const listener of this.listeners) listener(status);
	}
}

function timestamp(date: Date): string {
	return date.toISOString().replace(/\..*$/, '').replace(/[:T]/g, '-');
}
