import {performance} from 'node:perf_hooks';
import type {Command} from 'commander';
import {InputError} from '../engine/input-error.js';
import {parseIntegerInRange} from '../engine/params.js';
import type {Simulation} from '../engine/simulation.js';
import {openSessionSink} from '../io/session-file.js';
import type {ChangeHistory} from './change-history.js';
import {defaultSnapshotEvery, sessionExtension, type EndReason, type RecordedRunOptions} from './format.js';
import {recordHost, recordWorkload, sessionHeader, type WorkloadDescription} from './header.js';
import {SessionRecorder} from './recorder.js';
import {SessionWriter} from './writer.js';

/** `memsim run --record FILE [--embed] [--snapshot-every N]`. */
export interface RecordOptionValues {
	record?: string;
	embed?: boolean;
	snapshotEvery?: string;
}

export function addRecordOptions(command: Command): Command {
	return command
		.option('--record <file>', `record the session (${sessionExtension}: gzip JSON lines) for replay, review and reports`)
		.option('--embed', 'with --record: store the trace file itself in the session')
		.option('--snapshot-every <n>', `with --record: events between metric snapshots (default ${defaultSnapshotEvery})`);
}

export interface RecordingPlan {
	readonly file: string;
	readonly embed: boolean;
	readonly snapshotEvery: number;
}

/** Check the recording options up front (bad values exit 2 before anything runs). */
export function recordingPlan(options: RecordOptionValues): RecordingPlan | undefined {
	const snapshotEvery =
		options.snapshotEvery === undefined
			? defaultSnapshotEvery
			: parseIntegerInRange(options.snapshotEvery, '--snapshot-every (events)', 1, 1e12);
	if (options.record === undefined) {
		const stray = [options.embed && '--embed', options.snapshotEvery !== undefined && '--snapshot-every'].filter(Boolean);
		if (stray.length > 0) throw new InputError(`${stray.join(', ')}: only with --record FILE`);
		return undefined;
	}
	return {file: options.record, embed: options.embed === true, snapshotEvery};
}

export interface RecordingContext {
	readonly workload: WorkloadDescription;
	readonly options: RecordedRunOptions;
	readonly history: ChangeHistory;
	readonly terminal?: {columns: number; rows: number};
}

/**
 * Open the file (an unwritable path is an InputError now, before the run), describe the run in the
 * header and start listening. The header is flushed at once, so a full disk shows here too.
 */
export async function startRecording(plan: RecordingPlan, sim: Simulation, context: RecordingContext): Promise<SessionRecorder> {
	const sink = openSessionSink(plan.file);
	const now = () => performance.now();
	try {
		const [workload, host] = await Promise.all([recordWorkload(context.workload, sim.source.name, plan.embed), recordHost()]);
		const header = sessionHeader(
			{
				params: context.history.initialParams,
				options: context.options,
				workload,
				host,
				snapshotEvery: plan.snapshotEvery,
				startEvent: sim.eventNumber,
				terminal: context.terminal,
			},
			new Date(),
		);
		const writer = new SessionWriter(sink, plan.file, now);
		return new SessionRecorder(sim, writer, header, now, context.history.changes);
	} catch (error) {
		sink.close();
		throw error;
	}
}

/** Milliseconds of stepping between two yields to the event loop (signals and timers run there). */
const yieldEveryMs = 25;

/**
 * The headless run of a recorded session: the same steps as `runToEnd`, yielding to the event loop
 * now and then so SIGINT and SIGTERM stop it between two events; the caller then finishes the file.
 */
export async function runRecorded(sim: Simulation, recorder: SessionRecorder, onProgress: (events: number) => void): Promise<{reason: EndReason; signal?: NodeJS.Signals}> {
	let signal: NodeJS.Signals | undefined;
	const stop = (received: NodeJS.Signals) => {
		signal = received;
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	let lastYield = performance.now();
	try {
		while (signal === undefined) {
			if (sim.buffered === 0) await sim.fill();
			const applied = sim.stepSync(Math.min(8192, recorder.eventsUntilSnapshot(sim.eventNumber)));
			if (applied === 0 && sim.finished) break;
			onProgress(sim.eventNumber);
			if (performance.now() - lastYield >= yieldEveryMs) {
				await new Promise((resolve) => setImmediate(resolve));
				lastYield = performance.now();
			}
		}
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
	}
	return signal === undefined ? {reason: 'finished'} : {reason: 'interrupted', signal};
}

export const signalExitCodes: Partial<Record<NodeJS.Signals, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};
