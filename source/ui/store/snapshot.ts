import type {CycleRecord} from '../../engine/collectors/gc-stats.js';
import type {FlinkSlice} from '../../flink/sim/flink-slice.js';

/** What the dashboard shows, as slices: each pane receives one and re-renders only when it changes. */
export type RunState = 'running' | 'paused' | 'finished';

export type PaneId = 'heap' | 'gc' | 'leaks' | 'sites' | 'trends' | 'flink' | 'events' | 'host';

export interface HeaderSlice {
	readonly workload: string;
	readonly strategy: string;
	readonly collector: string;
	readonly reclaim: string;
	readonly events: number;
	/** Events applied per wall-clock second, over the last second. */
	readonly eventsPerSec: number;
	readonly state: RunState;
	/** "500/frame", "max" or "to end". */
	readonly speed: string;
}

export interface HeapSlice {
	/** The engine's per-cell sums (bytes), read-only: the map is kept incrementally by the engine. */
	readonly used: Float64Array;
	readonly leaked: Float64Array;
	readonly moved: Float64Array;
	readonly cellBytes: number;
	readonly cellCount: number;
	/** The map's version when the slice was taken (a slice with the same version draws the same). */
	readonly version: number;
	/** End of the address space (the heap's size). */
	readonly heapBytes: number;
	/** Highest address any used block reached. */
	readonly highWater: number;
	readonly liveBytes: number;
	readonly liveBlocks: number;
	readonly freeBytes: number;
	readonly freeBlocks: number;
	readonly externalFragmentation: number;
	readonly largestFree?: {readonly addr: number; readonly size: number};
	/** First page of the address space shown (arrows page through it). */
	readonly page: number;
}

export interface GcSlice {
	readonly available: boolean;
	readonly collector: string;
	readonly reclaim: string;
	readonly trigger: number;
	readonly cycles: number;
	readonly minorCycles: number;
	readonly majorCycles: number;
	readonly reclaimedBytes: number;
	readonly movedBytes: number;
	readonly pauseTotal: number;
	readonly pauseMax: number;
	/** Oldest first. */
	readonly recent: readonly CycleRecord[];
	readonly scroll: number;
}

export interface LeakRow {
	readonly kind: string;
	readonly site: string;
	readonly bytes: number;
	readonly blocks: number;
	/** Events since the alert first appeared. */
	readonly age: number;
	readonly reason: string;
}

export interface LeaksSlice {
	readonly available: boolean;
	/** Newest first. */
	readonly rows: readonly LeakRow[];
	readonly staleAfter: number;
	readonly repair: string;
	readonly scroll: number;
}

export interface SiteRow {
	readonly name: string;
	readonly blocks: number;
	readonly bytes: number;
	readonly allocsPerSec: number;
	/** Fraction of all live bytes. */
	readonly share: number;
}

export interface SitesSlice {
	readonly available: boolean;
	readonly grouping: 'sites' | 'owners';
	/** By live bytes, largest first. */
	readonly rows: readonly SiteRow[];
	readonly scroll: number;
}

export interface TrendsSlice {
	/** Samples, oldest first (a few per second of running). */
	readonly live: readonly number[];
	readonly utilization: readonly number[];
	readonly fragmentation: readonly number[];
	readonly peakLive: number;
}

export interface LogEntry {
	readonly event: number;
	readonly kind: 'change' | 'action' | 'alert' | 'repair' | 'failure' | 'state' | 'error' | 'note';
	readonly text: string;
}

export interface EventsSlice {
	/** Oldest first. */
	readonly entries: readonly LogEntry[];
	/** Lines scrolled back from the newest. */
	readonly scroll: number;
}

export interface HostSlice {
	readonly ok: boolean;
	readonly total: number;
	readonly used: number;
	readonly available: number;
	readonly swapTotal: number;
	readonly swapUsed: number;
	readonly rss: number;
	readonly heapUsed: number;
	readonly heapTotal: number;
}

export interface UiSlice {
	readonly focus: PaneId;
	readonly zoom: boolean;
	readonly help: boolean;
	/** The Flink pane is shown in the Trends slot (a `--flink` run, key `f`). */
	readonly showFlink: boolean;
}

export interface DashboardSnapshot {
	readonly header: HeaderSlice;
	readonly heap: HeapSlice;
	readonly gc: GcSlice;
	readonly leaks: LeaksSlice;
	readonly sites: SitesSlice;
	readonly trends: TrendsSlice;
	/** Under `--flink` only: the TaskManager's managed and network memory. */
	readonly flink?: FlinkSlice;
	readonly events: EventsSlice;
	readonly host: HostSlice;
	readonly ui: UiSlice;
}
