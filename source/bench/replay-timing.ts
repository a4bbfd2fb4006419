import {performance} from 'node:perf_hooks';
import {defaultParams, type SimulationParams} from '../engine/params.js';
import {Simulation} from '../engine/simulation.js';
import type {InMemorySource} from './in-memory-source.js';
import {median} from './median.js';

export interface ReplayTiming {
	readonly strategy: string;
	readonly nsPerEvent: number;
	readonly peakUtilization: number;
	readonly runs: number;
}

/**
 * Median ns per event of replaying a loaded trace under a strategy, after warm-up runs that let the
 * JIT settle. Each run is a fresh simulation over the same events; the clock brackets stepping only.
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
	return {strategy, nsPerEvent: median(samples), peakUtilization, runs: samples.length};
}
