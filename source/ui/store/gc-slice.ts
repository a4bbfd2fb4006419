import type {CycleRecord} from '../../engine/collectors/gc-stats.js';
import type {Simulation} from '../../engine/simulation.js';
import type {GcSlice, LeakRow, LeaksSlice} from './snapshot.js';

interface GcStatsView {
	readonly cycles: number;
	readonly minorCycles: number;
	readonly majorCycles: number;
	readonly reclaimedBytes: number;
	readonly movedBytes: number;
	readonly pauseTotal: number;
	readonly pauseMax: number;
	readonly recent: readonly CycleRecord[];
}

interface AlertView {
	readonly kind: string;
	readonly site: string | number;
	readonly bytes: number;
	readonly blocks: number;
	readonly firstDetected: number;
	readonly reason: string;
}

/** The collector and leak features, read defensively: a simulation built without them still draws. */
interface EngineExtras {
	readonly gcStats?: GcStatsView;
	alerts?(): readonly AlertView[];
}

function extras(sim: Simulation): EngineExtras {
	return sim as unknown as EngineExtras;
}

function param(sim: Simulation, key: string, fallback: string): string {
	const value = (sim.params as unknown as Record<string, unknown>)[key];
	return value === undefined ? fallback : String(value);
}

export function gcSlice(sim: Simulation, scroll: number, previous?: GcSlice): GcSlice {
	const stats = extras(sim).gcStats;
	const collector = param(sim, 'collector', 'none');
	const reclaim = param(sim, 'reclaim', 'explicit');
	const trigger = Number(param(sim, 'gcTrigger', '0'));
	if (
		previous &&
		previous.cycles === (stats?.cycles ?? 0) &&
		previous.collector === collector &&
		previous.reclaim === reclaim &&
		previous.trigger === trigger &&
		previous.scroll === scroll
	) {
		return previous;
	}
	return {
		available: stats !== undefined,
		collector,
		reclaim,
		trigger,
		cycles: stats?.cycles ?? 0,
		minorCycles: stats?.minorCycles ?? 0,
		majorCycles: stats?.majorCycles ?? 0,
		reclaimedBytes: stats?.reclaimedBytes ?? 0,
		movedBytes: stats?.movedBytes ?? 0,
		pauseTotal: stats?.pauseTotal ?? 0,
		pauseMax: stats?.pauseMax ?? 0,
		recent: stats ? stats.recent.slice() : [],
		scroll,
	};
}

/** Ages are shown in events, so rows are rebuilt when the alerts or the event count move on. */
export function leaksSlice(sim: Simulation, scroll: number, previous?: LeaksSlice): LeaksSlice {
	const list = extras(sim).alerts?.call(sim);
	const staleAfter = Number(param(sim, 'staleAfter', '0'));
	const repair = param(sim, 'repair', 'off');
	const names = sim.source.sites;
	const rows: LeakRow[] = [];
	if (list) {
		for (let i = list.length - 1; i >= 0; i--) {
			const alert = list[i]!;
			rows.push({
				kind: alert.kind,
				site: typeof alert.site === 'number' ? names.name(alert.site) : alert.site,
				bytes: alert.bytes,
				blocks: alert.blocks,
				age: Math.max(0, sim.eventNumber - alert.firstDetected),
				reason: alert.reason,
			});
		}
	}
	if (
		previous &&
		previous.scroll === scroll &&
		previous.staleAfter === staleAfter &&
		previous.repair === repair &&
		sameRows(previous.rows, rows)
	) {
		return previous;
	}
	return {available: list !== undefined, rows, staleAfter, repair, scroll};
}

function sameRows(a: readonly LeakRow[], b: readonly LeakRow[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i]!;
		const y = b[i]!;
		if (x.kind !== y.kind || x.site !== y.site || x.bytes !== y.bytes || x.blocks !== y.blocks || x.age !== y.age) return false;
	}
	return true;
}
