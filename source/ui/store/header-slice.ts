import type {Simulation} from '../../engine/simulation.js';
import type {HeaderSlice, RunState} from './snapshot.js';

function param(sim: Simulation, key: string, fallback: string): string {
	return String((sim.params as unknown as Record<string, unknown>)[key] ?? fallback);
}

/** The parameters a run started with, for the first line of the Events pane. */
export function describeParams(sim: Simulation): string {
	return `strategy ${sim.params.strategy}, gc ${param(sim, 'collector', 'none')}, reclaim ${param(sim, 'reclaim', 'explicit')}`;
}

/** The header's slice; the previous object when nothing in it changed. */
export function headerSlice(sim: Simulation, state: RunState, eventsPerSec: number, speed: string, previous?: HeaderSlice): HeaderSlice {
	const next: HeaderSlice = {
		workload: sim.source.name,
		strategy: sim.params.strategy,
		collector: param(sim, 'collector', 'none'),
		reclaim: param(sim, 'reclaim', 'explicit'),
		events: sim.eventNumber,
		eventsPerSec,
		state,
		speed,
	};
	if (!previous) return next;
	for (const key of Object.keys(next) as Array<keyof HeaderSlice>) if (previous[key] !== next[key]) return next;
	return previous;
}
