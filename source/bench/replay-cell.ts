import {openTrace} from '../workloads/open-trace.js';
import {InMemorySource} from './in-memory-source.js';
import {timeControlLoop} from './control-loop.js';
import {timeReplay, type ReplayTiming} from './replay-timing.js';

export interface ReplayCell {
	readonly trace: string;
	readonly strategy: string;
	readonly runs: number;
	readonly warmupEvents: number;
	readonly budgetMs?: number;
}

/**
 * One bench cell in a process of its own: a fresh V8 isolate, so the JIT's type feedback is this
 * strategy's alone (a process that has run seven strategies through the same heap code has call
 * sites that have seen them all), as the glibc driver replays each trace in a fresh process.
 */
export async function runCell(cell: ReplayCell): Promise<ReplayTiming & {events: number; controlNs: number}> {
	const source = await InMemorySource.load(await openTrace(cell.trace));
	// Timed before the cell, in the same process: the machine's phase when this draw was taken.
	const controlNs = timeControlLoop();
	const timing: ReplayTiming = timeReplay(source, cell.strategy, {
		warmup: 1,
		runs: cell.runs,
		warmupEvents: cell.warmupEvents,
		budgetMs: cell.budgetMs,
	});
	return {...timing, events: source.length, controlNs};
}
