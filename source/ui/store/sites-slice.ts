import type {Simulation} from '../../engine/simulation.js';
import type {SiteRow, SitesSlice} from './snapshot.js';

const rowLimit = 50;
/** Allocation rates are measured over windows at least this long. */
const rateWindowMs = 1000;

interface Ledger {
	readonly liveBytes: Float64Array;
	readonly liveBlocks: Int32Array;
	readonly ownerBlocks: Int32Array;
	readonly ownerBytes?: Float64Array;
}

function ledgerOf(sim: Simulation): Ledger | undefined {
	const reclamation = (sim as unknown as {reclamation?: {ledger?: Ledger; tracking?: boolean}}).reclamation;
	return reclamation?.tracking === false ? undefined : reclamation?.ledger;
}

function allocsOf(sim: Simulation, grouping: SitesSlice['grouping']): Float64Array | undefined {
	const stats = (sim as unknown as {siteStats?: {siteAllocs: Float64Array; ownerAllocs: Float64Array}}).siteStats;
	return grouping === 'sites' ? stats?.siteAllocs : stats?.ownerAllocs;
}

/**
 * The Sites pane's table: the top sites (or owners) by live bytes, with allocation rates measured
 * over the last second of wall-clock time. Figures come from per-index counters the engine keeps
 * incrementally; a refresh sorts the few hundred site indexes, never the blocks.
 */
export class SitesTracker {
	private base = new Float64Array(0);
	private baseTime = Number.NaN;
	private rates = new Float64Array(0);
	private baseGrouping: SitesSlice['grouping'] = 'sites';

	constructor(private readonly sim: Simulation) {}

	/** `measure`: time is passing for the workload (not paused), so rates may be updated. */
	slice(grouping: SitesSlice['grouping'], scroll: number, now: number, measure = true): SitesSlice {
		const ledger = ledgerOf(this.sim);
		if (!ledger) return {available: false, grouping, rows: [], scroll};
		const allocs = allocsOf(this.sim, grouping);
		if (measure || grouping !== this.baseGrouping) this.updateRates(allocs, grouping, now);
		const bytes = grouping === 'sites' ? ledger.liveBytes : ledger.ownerBytes;
		const blocks = grouping === 'sites' ? ledger.liveBlocks : ledger.ownerBlocks;
		const names = grouping === 'sites' ? this.sim.source.sites : this.sim.source.owners;
		const total = this.sim.heap.payloadBytes;
		const rows: SiteRow[] = [];
		const limit = Math.max(blocks.length, bytes?.length ?? 0);
		for (let i = 0; i < limit; i++) {
			const liveBlocks = blocks[i] ?? 0;
			if (liveBlocks <= 0 && (this.rates[i] ?? 0) <= 0) continue;
			const liveBytes = bytes ? (bytes[i] ?? 0) : Number.NaN;
			rows.push({
				name: names.name(i) || (grouping === 'sites' ? '(no site)' : '(no owner)'),
				blocks: liveBlocks,
				bytes: liveBytes,
				allocsPerSec: this.rates[i] ?? 0,
				share: bytes && total > 0 ? liveBytes / total : Number.NaN,
			});
		}
		rows.sort((a, b) => (bytes ? b.bytes - a.bytes : b.blocks - a.blocks) || a.name.localeCompare(b.name));
		return {available: true, grouping, rows: rows.slice(0, rowLimit), scroll};
	}

	/** The workload ended: nothing allocates any more. */
	stopRates(): void {
		this.rates = new Float64Array(this.rates.length);
	}

	private updateRates(allocs: Float64Array | undefined, grouping: SitesSlice['grouping'], now: number): void {
		if (!allocs) return;
		if (grouping !== this.baseGrouping || Number.isNaN(this.baseTime)) {
			this.baseGrouping = grouping;
			this.base = allocs.slice();
			this.baseTime = now;
			this.rates = new Float64Array(allocs.length);
			return;
		}
		const elapsed = now - this.baseTime;
		if (elapsed < rateWindowMs) return;
		const rates = new Float64Array(allocs.length);
		for (let i = 0; i < allocs.length; i++) rates[i] = ((allocs[i]! - (this.base[i] ?? 0)) * 1000) / elapsed;
		this.rates = rates;
		this.base = allocs.slice();
		this.baseTime = now;
	}
}
