import path from 'node:path';
import {openTrace} from '../workloads/open-trace.js';
import {timeGlibc} from './glibc-baseline.js';
import {InMemorySource} from './in-memory-source.js';
import type {ReplayCell} from './replay-cell.js';
import type {ReplayTiming} from './replay-timing.js';

export interface TraceBench {
	trace: string;
	events: number;
	glibcNsPerEvent?: number;
	/** glibc's fastest run in each of its processes (the fastest of these is `glibcNsPerEvent`). */
	glibcForks?: number[];
	/** glibc's median run in each of its processes. */
	glibcMedians?: number[];
	strategies: Array<{
		strategy: string;
		nsPerEvent: number;
		vsNaive: number;
		vsGlibc?: number;
		peakUtilization: number;
		/** Each process's fastest run (the fastest of these is `nsPerEvent`). */
		forks: number[];
		/** Each process's median run. */
		medians: number[];
		controls: number[];
	}>;
}

/** A cell's timing from one process, with that process's control loop (ns per operation). */
export type CellTiming = ReplayTiming & {controlNs: number};

export interface RoundsPlan {
	readonly traces: readonly string[];
	/** The strategies to time; the naive baseline is added. */
	readonly strategies: readonly string[];
	readonly runs: number;
	readonly forks: number;
	/** The compiled glibc driver, when there is one. */
	readonly glibcBinary?: string;
	/** The CPU each round runs on, cells and glibc alike (see cpu-affinity.ts); undefined: unpinned. */
	readonly roundCpus?: readonly number[];
	/** Runs a round of cells, one fresh process each, one at a time, on `cpu` when given; `done` counts finished cells. */
	runCells(cells: readonly ReplayCell[], done: (finished: number) => void, cpu?: number): Promise<CellTiming[]>;
	progress(text: string): void;
	/** A trace with no events to time: left out of every round, and the reason given here. */
	onSkip(trace: string, reason: string): void;
	/** A trace's row is final (its last round is in): print it now, a full suite takes minutes. */
	onRow(row: TraceBench): void;
}

/**
 * Every trace's cells in `forks` rounds: a round times each trace's strategies once (the naive baseline
 * first) and glibc once, trace after trace, before the next round starts over. So a cell's draws lie
 * minutes apart, not seconds: the shared host of this project's machines has slow phases that last a
 * minute or more, and one full bench had a whole row (ninja: naive-first-fit 104 to 110 ns, against 73 in
 * every other run, with glibc and the control loop at their usual speed) taken inside one when each trace
 * took all its rounds back to back. A process is one draw in any case: the same cell in two fresh
 * isolates can measure up to 2x apart. With `roundCpus`, round r runs on CPU roundCpus[r], glibc too.
 */
export async function benchTraceRounds(plan: RoundsPlan): Promise<TraceBench[]> {
	const {traces, runs, forks} = plan;
	const order = ['naive-first-fit', ...plan.strategies];
	const cells = traces.map(trace =>
		order.map((strategy): ReplayCell => ({trace, strategy, runs, warmupEvents: 1_500_000, budgetMs: strategy === 'naive-first-fit' ? 3000 : 10_000})),
	);
	const draws: CellTiming[][][] = traces.map(() => []);
	const glibcDraws: Array<Array<{fastest: number; median: number}>> = traces.map(() => []);
	const results: TraceBench[] = [];
	const skipped = new Set<number>();
	let total = forks * traces.length * order.length;
	let finishedBefore = 0;
	for (let fork = 0; fork < forks; fork++) {
		for (const [index, trace] of traces.entries()) {
			if (skipped.has(index)) continue;
			const cpu = plan.roundCpus?.[fork];
			const label = `bench: round ${fork + 1}/${forks}${cpu === undefined ? '' : ` on CPU ${cpu}`}, ${path.basename(trace)} (${index + 1}/${traces.length})`;
			plan.progress(label);
			// Loaded again in each round rather than all kept: a user's traces can be hundreds of MB in memory.
			const source = await InMemorySource.load(await openTrace(trace));
			if (source.length === 0) {
				// Nothing to divide a time by: any ns per event would be the cost of an empty run.
				skipped.add(index);
				total -= forks * order.length;
				plan.onSkip(trace, 'no events to replay');
				continue;
			}
			const before = finishedBefore;
			draws[index]!.push(await plan.runCells(cells[index]!, finished => plan.progress(`${label}: ${before + finished}/${total} cells`), cpu));
			finishedBefore += order.length;
			const glibc = plan.glibcBinary === undefined ? undefined : timeGlibc(plan.glibcBinary, source, runs + 2, cpu);
			if (glibc !== undefined) glibcDraws[index]!.push(glibc);
			if (fork === forks - 1) {
				const row = traceRow(path.basename(trace), source.length, order, draws[index]!, glibcDraws[index]!);
				results.push(row);
				plan.onRow(row);
			}
		}
	}
	return results;
}

function traceRow(trace: string, events: number, order: readonly string[], rounds: readonly CellTiming[][], glibc: ReadonlyArray<{fastest: number; median: number}>): TraceBench {
	const fastest = order.map((_, i) => fastestFork(rounds.map(timings => timings[i]!)));
	const naive = fastest[0]!;
	const glibcNs = glibc.length > 0 ? Math.min(...glibc.map(g => g.fastest)) : undefined;
	const row: TraceBench = {
		trace,
		events,
		glibcNsPerEvent: glibcNs,
		glibcForks: glibcNs === undefined ? undefined : glibc.map(g => g.fastest),
		glibcMedians: glibcNs === undefined ? undefined : glibc.map(g => g.median),
		strategies: [],
	};
	for (const timing of [...fastest.slice(1), naive]) {
		row.strategies.push({
			strategy: timing.strategy,
			nsPerEvent: timing.nsPerEvent,
			vsNaive: naive.nsPerEvent / timing.nsPerEvent,
			vsGlibc: glibcNs === undefined ? undefined : timing.nsPerEvent / glibcNs,
			peakUtilization: timing.peakUtilization,
			forks: timing.forks,
			medians: timing.medians,
			controls: timing.controls,
		});
	}
	return row;
}

/** The fork with the fastest run, carrying every fork's fastest run, median and control time (the spread is part of the result). */
function fastestFork(forks: readonly CellTiming[]): CellTiming & {forks: number[]; medians: number[]; controls: number[]} {
	const best = forks.reduce((a, b) => (b.nsPerEvent < a.nsPerEvent ? b : a));
	return {...best, forks: forks.map(f => f.nsPerEvent), medians: forks.map(f => f.medianNsPerEvent), controls: forks.map(f => f.controlNs)};
}
