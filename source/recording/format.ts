import type {CycleRecord} from '../engine/collectors/gc-stats.js';
import type {LeakAlert} from '../engine/leaks/alerts.js';
import type {SimulationParams} from '../engine/params.js';

/**
 * A session file (`.memsim`): gzip-compressed JSON lines. Line 1 is the header; every later line is
 * one timeline entry in event order; the last line of a complete session is `end`.
 *
 * The gzip stream is a sequence of gzip members, one per flush (at least once a second and at every
 * parameter change). `gunzip` reads concatenated members as one stream, and a file cut off by SIGKILL
 * or a full disk decompresses up to its last complete member, so the reader keeps every whole line.
 *
 * Bump the version when a line's meaning changes; readers refuse headers newer than they know.
 */
export const sessionFormatVersion = 1;
export const sessionExtension = '.memsim';

/** Events between two metric snapshots unless `--snapshot-every` says otherwise. */
export const defaultSnapshotEvery = 10_000;

/** The workload a session ran: enough to regenerate it, or to find and check the trace file. */
export type RecordedWorkload =
	| {readonly kind: 'generator'; readonly name: string; readonly seed: number; readonly events?: number}
	| {
			readonly kind: 'trace';
			/** The path as given, and resolved at recording time. */
			readonly path: string;
			readonly absolutePath: string;
			readonly size: number;
			readonly sha256: string;
			/** With `--embed`: the trace file's bytes, base64 (gzip traces stay gzip). */
			readonly embedded?: string;
	  };

export interface RecordedHost {
	readonly os: string;
	readonly cpu: string;
	readonly cores: number;
	readonly memoryBytes: number;
	readonly node: string;
}

/** The run options that are not parameters but shape the run (a Flink TaskManager). */
export interface RecordedRunOptions {
	readonly flink?: boolean;
	readonly conf?: string;
	readonly define?: readonly string[];
	readonly slots?: string;
}

export interface SessionHeader {
	readonly type: 'header';
	readonly format: number;
	readonly memsim: string;
	/** ISO time the recording started (shown in reports; never used by replay). */
	readonly recordedAt: string;
	/** Parameters at event 0, before any change. */
	readonly params: SimulationParams;
	readonly options: RecordedRunOptions;
	readonly workload: RecordedWorkload;
	readonly host: RecordedHost;
	/** The dashboard's terminal size (for `export --cast`); absent for headless runs. */
	readonly terminal?: {readonly columns: number; readonly rows: number};
	readonly snapshotEvery: number;
	/** Event at which recording began (0 unless started with the dashboard's `R` key mid-run). */
	readonly startEvent: number;
}

/** Every timeline line carries its event number and the wall time since recording began (ms). */
interface TimelineBase {
	readonly event: number;
	readonly at: number;
}

export interface ChangeLine extends TimelineBase {
	readonly type: 'change';
	readonly key: string;
	readonly value?: string;
	readonly previous?: string;
	readonly origin: 'user' | 'scripted';
	readonly description: string;
	/** A `--change 0:...` the simulation applied while being built: already in the header's params, not applied again. */
	readonly initial?: boolean;
}

/** The figures the report charts over time. */
export interface SnapshotLine extends TimelineBase {
	readonly type: 'snapshot';
	readonly liveBytes: number;
	readonly liveBlocks: number;
	/** Bytes in used blocks (payload plus headers and padding). */
	readonly usedBytes: number;
	readonly highWaterBytes: number;
	readonly heapBytes: number;
	readonly freeBytes: number;
	readonly largestFreeBytes: number;
	/** Live payload over the high-water mark so far. */
	readonly utilization: number;
	readonly externalFragmentation: number;
	readonly failures: number;
	readonly strategy: string;
}

export interface GcLine extends TimelineBase {
	readonly type: 'gc';
	readonly cycle: CycleRecord;
}

export interface AlertLine extends TimelineBase {
	readonly type: 'alert';
	readonly alert: LeakAlert;
}

export type EndReason = 'finished' | 'stopped' | 'interrupted';

export interface EndLine extends TimelineBase {
	readonly type: 'end';
	/** finished: the workload ended; stopped: the user stopped recording or quit; interrupted: SIGINT/SIGTERM. */
	readonly reason: EndReason;
	readonly summary: Record<string, unknown>;
}

export type TimelineLine = ChangeLine | SnapshotLine | GcLine | AlertLine | EndLine;
export type SessionLine = SessionHeader | TimelineLine;

export const timelineTypes: ReadonlySet<string> = new Set(['change', 'snapshot', 'gc', 'alert', 'end']);
