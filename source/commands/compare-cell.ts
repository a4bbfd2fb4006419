import {performance} from 'node:perf_hooks';
import path from 'node:path';
import {type SimulationParams} from '../engine/params.js';
import {Simulation} from '../engine/simulation.js';
import {autoStart, autoStrategy} from '../engine/tuner/registry.js';
import {openTrace} from '../workloads/open-trace.js';

/** One cell of `memsim compare`: a trace replayed under a strategy. */
export interface CompareCell {
	readonly trace: string;
	readonly strategy: string;
	readonly params: SimulationParams;
}

export interface CompareResult {
	trace: string;
	strategy: string;
	peakUtilization: number;
	failures: number;
	externalFragmentation: number;
	eventsPerSec: number;
}

export async function runCompareCell(cell: CompareCell): Promise<CompareResult> {
	const source = await openTrace(cell.trace);
	// `auto` is not a strategy: it starts at a default one and lets the tuner choose from there.
	const params = cell.strategy === autoStrategy ? {...cell.params, ...autoStart} : {...cell.params, strategy: cell.strategy};
	const sim = new Simulation(source, {params, now: () => performance.now()});
	await sim.runToEnd();
	const summary = sim.summary();
	return {
		trace: path.basename(cell.trace),
		strategy: cell.strategy,
		peakUtilization: summary.peakUtilization,
		failures: summary.failures,
		externalFragmentation: summary.maxExternalFragmentation,
		eventsPerSec: summary.eventsPerSec,
	};
}

/** In a cell process (process-pool.ts): one cell; a fault in the trace stays an InputError there too. */
export const runCell = runCompareCell;
