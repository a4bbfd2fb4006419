import type {CycleRecord} from '../engine/collectors/gc-stats.js';
import type {ChangeLine, SnapshotLine} from '../recording/format.js';
import type {Session} from '../recording/reader.js';
import type {Mark} from './svg-charts.js';

export interface LeakRow {
	readonly kind: string;
	readonly site: string;
	readonly bytes: number;
	readonly blocks: number;
	readonly firstDetected: number;
	readonly reason: string;
}

/** What the HTML and Markdown reports show, taken from the session's timeline and final summary. */
export interface ReportData {
	readonly session: Session;
	readonly summary: Record<string, unknown>;
	/** True when the session had no end line and the summary comes from replaying it. */
	readonly replayed: boolean;
	readonly warning?: string;
	readonly snapshots: readonly SnapshotLine[];
	readonly cycles: readonly CycleRecord[];
	readonly changes: readonly ChangeLine[];
	readonly leaks: readonly LeakRow[];
	readonly marks: readonly Mark[];
	/** Last event of the session (the x axis runs to it). */
	readonly lastEvent: number;
}

export function reportData(session: Session, summary: Record<string, unknown>, replayed: boolean, warning?: string): ReportData {
	const snapshots: SnapshotLine[] = [];
	const cycles: CycleRecord[] = [];
	const changes: ChangeLine[] = [];
	const marks: Mark[] = [];
	for (const line of session.timeline) {
		if (line.type === 'snapshot') snapshots.push(line);
		else if (line.type === 'gc') cycles.push(line.cycle);
		else if (line.type === 'change') {
			changes.push(line);
			const last = marks[marks.length - 1];
			// Changes at the same event share one mark: "1,2".
			if (last?.kind === 'change' && last.event === line.event) marks[marks.length - 1] = {...last, label: `${last.label}; ${line.description}`, tag: `${last.tag},${changes.length}`};
			else marks.push({event: line.event, label: line.description, kind: 'change', tag: String(changes.length)});
		} else if (line.type === 'alert') {
			marks.push({event: line.event, label: `${line.alert.kind} leak at ${line.alert.site || '(no site)'}: ${line.alert.reason}`, kind: 'alert'});
		}
	}
	const lastEvent = Math.max(session.lastEvent, Number(summary['events'] ?? 0));
	return {session, summary, replayed, warning, snapshots, cycles, changes, leaks: leakRows(summary, session), marks, lastEvent};
}

/** Leaks per site from the final summary; a cut-off session falls back to its alert lines. */
function leakRows(summary: Record<string, unknown>, session: Session): LeakRow[] {
	const fromSummary = Array.isArray(summary['leaks']) ? (summary['leaks'] as LeakRow[]) : undefined;
	const rows =
		fromSummary ??
		session.timeline.flatMap((line) =>
			line.type === 'alert'
				? [{kind: line.alert.kind, site: line.alert.site, bytes: line.alert.bytes, blocks: line.alert.blocks, firstDetected: line.alert.firstDetected, reason: line.alert.reason}]
				: [],
		);
	return [...rows].sort((a, b) => b.bytes - a.bytes);
}
