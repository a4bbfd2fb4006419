import React, {memo, useMemo} from 'react';
import {counted, formatBytes, formatCount} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {Line} from '../components/spans.js';
import type {LeaksSlice} from '../store/snapshot.js';

interface LeaksPaneProps {
	readonly slice: LeaksSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** One colour per detector, so a glance tells what kind of leak it is. */
export const kindColors: Record<string, string> = {
	unreachable: 'red',
	stale: 'yellow',
	growth: 'magenta',
	'owner-end': 'blue',
	dangling: 'cyan',
};

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** Settings, a heading and the alerts newest first (kind, site, bytes, blocks, age in events). */
export function leaksLines(slice: LeaksSlice, width: number, height: number): Line[] {
	const lines: Line[] = [`stale after ${formatCount(slice.staleAfter)} · repair ${slice.repair}`];
	if (!slice.available || slice.rows.length === 0) {
		lines.push([{text: slice.available ? 'no leaks found yet' : 'leak detection is not running', tone: 'muted'}]);
		return lines;
	}
	const siteWidth = Math.max(8, width - (11 + 1 + 1 + 9 + 1 + 8 + 1 + 9));
	lines.push([{text: `${'kind'.padEnd(11)} ${fit('site', siteWidth)} ${'bytes'.padStart(9)} ${'blocks'.padStart(8)} ${'age'.padStart(9)}`, tone: 'muted'}]);
	const listRows = Math.max(0, height - 2);
	const start = Math.min(slice.scroll, Math.max(0, slice.rows.length - listRows));
	for (const row of slice.rows.slice(start, start + listRows)) {
		lines.push([
			{text: fit(row.kind, 11), color: kindColors[row.kind] ?? 'red'},
			{text: ` ${fit(row.site || '(no site)', siteWidth)} ${formatBytes(row.bytes).padStart(9)} ${formatCount(row.blocks).padStart(8)} ${`${formatCount(row.age)} ev`.padStart(9)}`},
		]);
	}
	return lines;
}

/** Leak alerts, newest first, coloured by kind; arrows scroll when the pane is focused. */
export const LeaksPane = memo(function LeaksPane({slice, width, height, focused}: LeaksPaneProps) {
	const lines = useMemo(() => leaksLines(slice, width - 2, height - 2), [slice, width, height]);
	const total = slice.rows.length;
	const hidden = Math.max(0, total - Math.max(0, height - 4));
	const note = total > 0 ? `${counted(total, 'alert')}${hidden > 0 ? ' ↓' : ''}` : undefined;
	return (
		<PaneFrame title="Leaks" width={width} height={height} focused={focused} note={note}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
