import type {CycleOutcome} from './collector.js';

/**
 * The modeled pause of a cycle: a linear cost model in the spirit of Jones, Hosking & Moss (The
 * Garbage Collection Handbook, ch. 2-4): marking costs per object reached (its header and fields are
 * read), moving or copying costs per byte, sweeping costs per block examined. The defaults are rough
 * figures for a modern core: an object mark is about a cache miss (25 ns), a copy streams at about
 * 4 GB/s (0.25 ns a byte), a sweep step reads one header (10 ns). Wall time is measured separately:
 * the model is what a real collector of that kind would pause, the wall time is what the simulator took.
 */
export interface CostModel {
	/** Nanoseconds per object marked. */
	readonly markNs: number;
	/** Nanoseconds per byte copied or moved. */
	readonly moveNsPerByte: number;
	/** Nanoseconds per block swept. */
	readonly sweepNs: number;
}

export const defaultCostModel: CostModel = {markNs: 25, moveNsPerByte: 0.25, sweepNs: 10};

/** The allowed range of every cost (nanoseconds): out of range exits 2 with this range. */
export const costRange = {min: 0, max: 1_000_000} as const;

export function modeledPauseMs(cost: CostModel, outcome: CycleOutcome): number {
	const ns = outcome.markedObjects * cost.markNs + outcome.movedBytes * cost.moveNsPerByte + outcome.sweptBlocks * cost.sweepNs;
	return ns / 1e6;
}
