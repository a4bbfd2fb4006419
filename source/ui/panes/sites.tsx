import React, {memo, useMemo} from 'react';
import {formatBytes, formatCount, formatPercent} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {Line} from '../components/spans.js';
import type {SitesSlice} from '../store/snapshot.js';

interface SitesPaneProps {
	readonly slice: SitesSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

type Column = {readonly heading: string; readonly align: 'left' | 'right'};

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
}

/** A cell padded to its column: one space either side of the widest value, as a table lays it out. */
function cell(text: string, width: number, align: Column['align']): string {
	return align === 'left' ? ` ${text.padEnd(width - 1)}` : `${text.padStart(width - 1)} `;
}

/**
 * The heading and the rows as lines, one string per row: a table of cells would make Ink measure,
 * tokenize and place every cell separately on every frame.
 */
export function sitesLines(slice: SitesSlice, width: number, height: number): Line[] {
	if (!slice.available || slice.rows.length === 0) {
		return [[{text: slice.available ? 'no live blocks' : 'per-site figures need leak tracking (--leaks)', tone: 'muted'}]];
	}
	const visible = Math.max(0, height - 1);
	const start = Math.min(slice.scroll, Math.max(0, slice.rows.length - visible));
	const rows = slice.rows.slice(start, start + visible).map(row => [
		row.name,
		formatCount(row.blocks),
		Number.isNaN(row.bytes) ? '–' : formatBytes(row.bytes),
		formatCount(Math.round(row.allocsPerSec)),
		Number.isNaN(row.share) ? '–' : formatPercent(row.share),
	]);
	const others = Math.max(...rows.map(r => r[1]!.length), 6) + Math.max(...rows.map(r => r[2]!.length), 5) + 8 + 6 + 10;
	const siteWidth = Math.max(6, width - others);
	for (const row of rows) row[0] = fit(row[0]!, siteWidth);
	const columns: Column[] = [
		{heading: slice.grouping === 'sites' ? 'site' : 'owner', align: 'left'},
		{heading: 'blocks', align: 'right'},
		{heading: 'bytes', align: 'right'},
		{heading: 'allocs/s', align: 'right'},
		{heading: 'share', align: 'right'},
	];
	const widths = columns.map((column, i) => Math.max(column.heading.length, ...rows.map(r => r[i]!.length)) + 2);
	const line = (cells: readonly string[]) => cells.map((text, i) => cell(text, widths[i]!, columns[i]!.align)).join('');
	return [[{text: line(columns.map(c => c.heading)), tone: 'muted'}], ...rows.map(line)];
}

/** The top allocation sites (or owners, `o`) by live bytes, as a table. */
export const SitesPane = memo(function SitesPane({slice, width, height, focused}: SitesPaneProps) {
	const lines = useMemo(() => sitesLines(slice, width - 2, height - 2), [slice, width, height]);
	const title = slice.grouping === 'sites' ? 'site' : 'owner';
	const note = slice.available && slice.rows.length > 0 ? `${slice.rows.length} ${title}s · o: ${slice.grouping === 'sites' ? 'owners' : 'sites'}` : undefined;
	return (
		<PaneFrame title="Sites" width={width} height={height} focused={focused} note={note}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
