import type {Change} from '../../engine/changes.js';
import {collectorNames} from '../../engine/collectors/registry.js';
import {reclaimModes} from '../../engine/reclaim/options.js';
import type {Simulation} from '../../engine/simulation.js';
import {strategyNames} from '../../engine/strategies/registry.js';

/**
 * The changes dashboard keys make, computed from the simulation's current parameters. Each is a
 * plain `Change` applied with `sim.apply`: the same path as `--change`, so a recording replays it.
 */
function cycle(names: readonly string[], current: string, step: 1 | -1): string {
	const at = names.indexOf(current);
	if (at < 0) return names[0]!;
	return names[(at + step + names.length) % names.length]!;
}

function param(sim: Simulation, key: string): unknown {
	return (sim.params as unknown as Record<string, unknown>)[key];
}

export function nextStrategy(sim: Simulation, step: 1 | -1): Change {
	return {key: 'strategy', value: cycle(strategyNames(), sim.params.strategy, step)};
}

export function nextCollector(sim: Simulation): Change {
	return {key: 'gc', value: cycle(collectorNames(), String(param(sim, 'collector') ?? 'none'), 1)};
}

export function nextReclaim(sim: Simulation): Change {
	return {key: 'reclaim', value: cycle(reclaimModes, String(param(sim, 'reclaim') ?? 'explicit'), 1)};
}

/** `[`/`]`: the occupancy trigger in steps of 5 percentage points, between 0 (off) and 100. */
export function adjustTrigger(sim: Simulation, delta: number): Change {
	const current = Number(param(sim, 'gcTrigger') ?? 0);
	const next = Math.max(0, Math.min(100, Math.round((current + delta) / 5) * 5));
	return {key: 'gc-trigger', value: String(next)};
}

/** `t`/`T`: halve or double the time a reachable block may go untouched before it is stale. */
export function scaleStaleAfter(sim: Simulation, factor: number): Change {
	const current = Number(param(sim, 'staleAfter') ?? 50_000);
	const next = Math.max(1, Math.round(current * factor));
	return {key: 'stale-after', value: String(next)};
}

export function toggleRepair(sim: Simulation): Change {
	return {key: 'repair', value: param(sim, 'repair') === 'auto' ? 'off' : 'auto'};
}

export const collectNow: Change = {key: 'collect'};
export const repairNow: Change = {key: 'repair-now'};
export const compactNow: Change = {key: 'compact'};
