import type {PartitionMode} from '../partition/quotas.js';

export const tunerModes = ['off', 'rules', 'bandit'] as const;
export type TunerMode = (typeof tunerModes)[number];

/** Why the tuner looks now. */
export type LookCause = 'epoch' | 'grew' | 'failed';

/**
 * What a tuner sees when it looks: counts over the window since the previous epoch look, and the
 * heap as it is now. A pure value, so tuners are pure functions of what they saw (plus their own state).
 */
export interface TunerSignals {
	readonly event: number;
	readonly cause: LookCause;
	/** Events between epoch looks (`--tuner-epoch`). */
	readonly epoch: number;
	/** Events in the window (since the previous epoch look). */
	readonly windowEvents: number;
	/** Allocation and realloc requests in the window, their bytes, and their block sizes (size -> count). */
	readonly requests: number;
	readonly requestBytes: number;
	readonly sizes: ReadonlyMap<number, number>;
	readonly failures: number;
	readonly failedBytes: number;
	/** Failures a quota refused, and those of them while other quotas had the bytes idle. */
	readonly quotaFailures: number;
	readonly strandedFailures: number;
	/** Bytes the heap's top grew by in the window, and at the event that made this look (cause `grew`). */
	readonly grownBytes: number;
	readonly lastGrowth: number;
	/** Change in internal fragmentation (block bytes beyond the payload) over the window. */
	readonly internalBytes: number;
	readonly gcCycles: number;
	readonly gcReclaimedBytes: number;
	readonly heapBytes: number;
	readonly freeBytes: number;
	readonly largestFreeBytes: number;
	readonly payloadBytes: number;
	readonly externalFragmentation: number;
	readonly growable: boolean;
	readonly strategy: string;
	readonly collector: string;
	readonly reclaim: string;
	readonly gcTrigger: number;
	readonly partition: PartitionMode;
	readonly hasQuotas: boolean;
}

/** One thing a tuner wants changed: a change key and value, as a key press or `--change` would send. */
export interface TunerDecision {
	readonly key: string;
	readonly value?: string;
	/** Why, in a few words with the figures that decided it (shown in the Events pane). */
	readonly reason: string;
}

export interface Tuner {
	readonly mode: Exclude<TunerMode, 'off'>;
	/** Wants a look as soon as the heap grows or a request fails, not only at the end of each epoch. */
	readonly reactive: boolean;
	look(signals: TunerSignals): TunerDecision[];
}

/** The summary's record of one decision. */
export interface DecisionRecord {
	readonly event: number;
	/** `strategy=best-fit`, `compact`, `partition=elastic`. */
	readonly action: string;
	readonly reason: string;
}
