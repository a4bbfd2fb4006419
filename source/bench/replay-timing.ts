import {performance} from 'node:perf_hooks';
import {defaultParams, type SimulationParams} from '../engine/params.js';
import {Simulation} from '../engine/simulation.js';
import type {InMemorySource} from './in-memory-source.js';
import {median} from './median.js';

export interface ReplayTiming {
	readonly strategy: string;
	/** The fastest timed run, ns per event: what the engine costs when the machine is not in a slow phase. */
	readonly nsPerEvent: number;
	/** The median of the timed runs, ns per event. */
	readonly medianNsPerEvent: number;
	readonly peakUtilization: number;
	readonly runs: number;
}

/**
 * ns per event of replaying a loaded trace under a strategy, after warm-up runs that let the JIT
 * settle: the fastest timed run, and their median. Each run is a fresh simulation over the same events;
 * the clock brackets stepping only.
 *
 * Why the fastest: the shared host of this project's machines has slow phases of seconds that slow
 * everything, glibc's malloc too, by 1.5 to 2x. Within one process the runs' medians over consecutive
 * stretches of 30 runs jump between about 75 and 130 ns (realloc2-bal, tlsf) while the fastest run of
 * every process stays within 72 to 76: a median measures how much of the process a phase covered.
 */
export function timeReplay(
	source: InMemorySource,
	strategy: string,
	options: {warmup: number; runs: number; params?: Partial<SimulationParams>; budgetMs?: number; warmupEvents?: number},
): ReplayTiming {
	const params: SimulationParams = {...defaultParams, capacity: 'grow', ...options.params, strategy};
	const samples: number[] = [];
	let peakUtilization = 0;
	const started = performance.now();
	// V8 reaches its optimising tier only after millions of calls: a short trace is replayed until at
	// least `warmupEvents` events have gone by before any run is timed.
	let warmup = Math.max(options.warmup, Math.ceil((options.warmupEvents ?? 0) / Math.max(1, source.length)));
	for (let run = 0; run < warmup + options.runs; run++) {
		// A trace of a dozen events would need tens of thousands of fresh simulations to warm up: half the
		// budget is the most warm-up any cell gets.
		if (run < warmup && run >= options.warmup && options.budgetMs !== undefined && performance.now() - started > options.budgetMs / 2) {
			warmup = run;
		}
		const sim = new Simulation(source.rewind(), {params});
		const t0 = performance.now();
		while (sim.stepSync(1 << 16) > 0);
		const elapsed = performance.now() - t0;
		if (run >= warmup) samples.push((elapsed * 1e6) / Math.max(1, source.length));
		peakUtilization = sim.summary().peakUtilization;
		// The naive baseline can take seconds a run on a large trace: stop early rather than stall the bench.
		if (options.budgetMs !== undefined && performance.now() - started > options.budgetMs && samples.length > 0) break;
	}
	return {strategy, nsPerEvent: Math.min(...samples), medianNsPerEvent: median(samples), peakUtilization, runs: samples.length};
}
