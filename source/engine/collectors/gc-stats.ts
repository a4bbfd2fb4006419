import type {CycleKind} from './collector.js';

/** One collection as the Events pane, the `gc` event and the summary see it. */
export interface CycleRecord {
	readonly event: number;
	readonly kind: CycleKind;
	readonly collector: string;
	readonly beforeLiveBytes: number;
	readonly afterLiveBytes: number;
	readonly reclaimedBytes: number;
	readonly reclaimedBlocks: number;
	readonly movedBytes: number;
	readonly markedObjects: number;
	readonly pauseModeledMs: number;
	readonly wallMs: number;
}

/** How many cycles `recent` keeps for the dashboard. */
const recentLimit = 64;

/** Running totals over every cycle of a run (modeled pauses in ms). */
export class GcStats {
	cycles = 0;
	minorCycles = 0;
	majorCycles = 0;
	reclaimedBytes = 0;
	movedBytes = 0;
	pauseTotal = 0;
	pauseMax = 0;
	/** Measured wall time of all cycles (ms of the clock the simulation was given). */
	wallTotal = 0;
	readonly recent: CycleRecord[] = [];

	add(record: CycleRecord): void {
		this.cycles++;
		if (record.kind === 'minor') this.minorCycles++;
		else this.majorCycles++;
		this.reclaimedBytes += record.reclaimedBytes;
		this.movedBytes += record.movedBytes;
		this.pauseTotal += record.pauseModeledMs;
		if (record.pauseModeledMs > this.pauseMax) this.pauseMax = record.pauseModeledMs;
		this.wallTotal += record.wallMs;
		this.recent.push(record);
		if (this.recent.length > recentLimit) this.recent.shift();
	}

	/** The `gc` object of `--json`. */
	summary() {
		return {
			cycles: this.cycles,
			minorCycles: this.minorCycles,
			majorCycles: this.majorCycles,
			reclaimedBytes: this.reclaimedBytes,
			movedBytes: this.movedBytes,
			pauseTotal: this.pauseTotal,
			pauseMax: this.pauseMax,
		};
	}
}
