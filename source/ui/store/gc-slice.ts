import type {Simulation} from '../../engine/simulation.js';
import type {GcSlice, LeakRow, LeaksSlice} from './snapshot.js';

export function gcSlice(sim: Simulation, scroll: number, previous?: GcSlice): GcSlice {
	const stats = sim.gcStats;
	const {collector, reclaim, gcTrigger: trigger} = sim.params;
	if (
		previous &&
		previous.cycles === stats.cycles &&
		previous.collector === collector &&
		previous.reclaim === reclaim &&
		previous.trigger === trigger &&
		previous.scroll === scroll
	) {
		return previous;
	}
	return {
		available: true,
		collector,
		reclaim,
		trigger,
		cycles: stats.cycles,
		minorCycles: stats.minorCycles,
		majorCycles: stats.majorCycles,
		reclaimedBytes: stats.reclaimedBytes,
		movedBytes: stats.movedBytes,
		pauseTotal: stats.pauseTotal,
		pauseMax: stats.pauseMax,
		recent: stats.recent.slice(),
		scroll,
	};
}

/** Ages are shown in events, so rows are rebuilt when the alerts or the event count move on. */
export function leaksSlice(sim: Simulation, scroll: number, previous?: LeaksSlice): LeaksSlice {
	const list = sim.alerts();
	const {staleAfter, repair} = sim.params;
	const rows: LeakRow[] = [];
	for (let i = list.length - 1; i >= 0; i--) {
		const alert = list[i]!;
		rows.push({
			kind: alert.kind,
			site: alert.site,
			bytes: alert.bytes,
			blocks: alert.blocks,
			age: Math.max(0, sim.eventNumber - alert.firstDetected),
			reason: alert.reason,
		});
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
	return {available: true, rows, staleAfter, repair, scroll};
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
