import type {PaneId} from '../store/snapshot.js';

export interface Rect {
	readonly width: number;
	readonly height: number;
}

export type LayoutKind = 'full' | 'compact' | 'too-small';

export interface Layout {
	readonly kind: LayoutKind;
	readonly columns: number;
	/** Lines drawn: one less than the terminal's rows, so Ink never takes its clear-and-redraw path. */
	readonly lines: number;
	/** Between the header and the footer. */
	readonly body: Rect;
	/** Panes shown, in focus order, with their sizes. */
	readonly panes: readonly PaneId[];
	readonly rects: Readonly<Partial<Record<PaneId, Rect>>>;
}

export const fullSize = {columns: 120, rows: 36} as const;
export const compactSize = {columns: 80, rows: 24} as const;

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

/**
 * Pane sizes for a terminal: the full layout from 120x36, a compact one (Heap, Leaks, GC) down to
 * 80x24, and nothing below that. Pure arithmetic, so layouts are tested without rendering.
 */
export function layoutFor(columns: number, rows: number): Layout {
	const lines = Math.max(1, rows - 1);
	const body = {width: columns, height: Math.max(0, lines - 2)};
	if (columns < compactSize.columns || rows < compactSize.rows) {
		return {kind: 'too-small', columns, lines, body, panes: [], rects: {}};
	}
	if (columns < fullSize.columns || rows < fullSize.rows) {
		const heap = Math.ceil(body.height / 2);
		const left = Math.floor(columns / 2);
		return {
			kind: 'compact',
			columns,
			lines,
			body,
			panes: ['heap', 'leaks', 'gc'],
			rects: {
				heap: {width: columns, height: heap},
				leaks: {width: left, height: body.height - heap},
				gc: {width: columns - left, height: body.height - heap},
			},
		};
	}
	const bottom = clamp(Math.round(body.height * 0.24), 7, 14);
	const top = body.height - bottom;
	const left = Math.floor(columns / 2);
	const right = columns - left;
	const trends = clamp(Math.round(top * 0.33), 8, 14);
	const gc = Math.round(top * 0.3);
	const leaks = Math.round(top * 0.34);
	const host = clamp(Math.round(columns * 0.32), 40, 60);
	return {
		kind: 'full',
		columns,
		lines,
		body,
		panes: ['heap', 'gc', 'leaks', 'sites', 'trends', 'events', 'host'],
		rects: {
			heap: {width: left, height: top - trends},
			trends: {width: left, height: trends},
			gc: {width: right, height: gc},
			leaks: {width: right, height: leaks},
			sites: {width: right, height: top - gc - leaks},
			events: {width: columns - host, height: bottom},
			host: {width: host, height: bottom},
		},
	};
}
