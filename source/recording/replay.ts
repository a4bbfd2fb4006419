import {performance} from 'node:perf_hooks';
import {openWorkload} from '../commands/open-workload.js';
import {flinkRunFor} from '../commands/run-flink.js';
import {buildChanges, buildParams, type RunOptionValues} from '../commands/run-options.js';
import type {ScheduledChange} from '../engine/changes.js';
import {Simulation} from '../engine/simulation.js';
import type {WorkloadSource} from '../engine/workload-source.js';
import {recordedChanges, type Session} from './reader.js';
import {locateTrace} from './trace-check.js';

/** Run options `memsim replay` accepts as "what if" overrides, plus `--trace NEWPATH` for a moved trace. */
export type ReplayOverrides = Omit<RunOptionValues, 'workload' | 'seed' | 'events'>;

export interface Replay {
	readonly session: Session;
	readonly sim: Simulation;
	/** Where the recorded run stopped; undefined when it ran until the workload ended. */
	readonly stopAt?: number;
	/** The changes scheduled, recorded ones and any `--change` given to replay. */
	readonly changes: readonly ScheduledChange[];
	/** Notes for stderr: a trace found elsewhere, a trace that differs. */
	readonly notes: readonly string[];
}

/**
 * Rebuild a recorded run: the same workload (regenerated from its seed, or the trace checked against
 * its SHA-256), the header's parameters with any overrides, and every recorded change scheduled at
 * its event number. Stepping it as far as the recording went gives the recorded summary.
 */
export async function openReplay(session: Session, overrides: ReplayOverrides = {}, now: () => number = () => performance.now()): Promise<Replay> {
	const {header} = session;
	const notes: string[] = [];
	const source = await openRecordedWorkload(session, overrides.trace, notes);
	const params = buildParams(overrides, header.params);
	const changes: ScheduledChange[] = [
		...recordedChanges(session).map(({event, key, value}) => (value === undefined ? {event, key} : {event, key, value})),
		...buildChanges(overrides),
	];
	const flink = header.options.flink
		? await flinkRunFor({flink: true, conf: header.options.conf, define: [...(header.options.define ?? [])], slots: header.options.slots}, source, params)
		: undefined;
	const sim = new Simulation(source, {params: flink?.params ?? params, changes, now, admission: flink?.memory});
	flink?.attach(sim);
	const stopAt = session.end?.reason === 'finished' ? undefined : (session.end?.event ?? session.lastEvent);
	return {session, sim, stopAt, changes, notes};
}

async function openRecordedWorkload(session: Session, tracePath: string | undefined, notes: string[]): Promise<WorkloadSource> {
	const workload = session.header.workload;
	if (workload.kind === 'generator') {
		if (tracePath !== undefined) notes.push(`--trace ${tracePath}: ignored, the session ran the generated workload '${workload.name}'`);
		return openWorkload({workload: workload.name, seed: workload.seed, events: workload.events});
	}
	const file = await locateTrace(session, tracePath, notes);
	return openWorkload({trace: file, seed: 1});
}

/**
 * Step a replay to where the recording stopped (or to the workload's end), as `memsim run` stepped
 * the original: a run that ended is finished the same way, one that was stopped is not.
 */
export async function playReplay(replay: Replay, onProgress?: (events: number) => void): Promise<void> {
	const {sim, stopAt} = replay;
	if (stopAt === undefined) {
		await sim.runToEnd(Number.POSITIVE_INFINITY, onProgress);
		return;
	}
	await advanceTo(sim, stopAt, onProgress);
}

/** Apply events until `target` (or the workload's end) without finishing the run early. */
export async function advanceTo(sim: Simulation, target: number, onProgress?: (events: number) => void): Promise<void> {
	while (sim.eventNumber < target) {
		if (sim.buffered === 0) await sim.fill();
		const applied = sim.stepSync(Math.min(8192, target - sim.eventNumber));
		if (applied === 0 && sim.finished) break;
		onProgress?.(sim.eventNumber);
	}
}
