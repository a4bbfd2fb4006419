import {Text} from 'ink';
import React, {memo} from 'react';
import {formatBytes, formatCount} from '../../format/units.js';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {LeaksSlice} from '../store/snapshot.js';

interface LeaksPaneProps {
	readonly slice: LeaksSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

const kindColors: Record<string, string> = {
	unreachable: 'red',
	stale: 'yellow',
	growth: 'magenta',
	'owner-end': 'blue',
	dangling: 'cyan',
};

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** Leak alerts, newest first: kind (coloured), site, bytes, blocks, age in events. Scrolls when focused. */
export const LeaksPane = memo(function LeaksPane({slice, width, height, focused}: LeaksPaneProps) {
	const inner = Math.max(1, width - 2);
	const lines = Math.max(1, height - 2);
	const settings = `stale after ${formatCount(slice.staleAfter)} · repair ${slice.repair}`;
	if (!slice.available || slice.rows.length === 0) {
		return (
			<PaneFrame title="Leaks" width={width} height={height} focused={focused}>
				<Text wrap="truncate">{settings}</Text>
				<Tint tone="muted">{slice.available ? 'no leaks found yet' : 'leak detection is not running'}</Tint>
			</PaneFrame>
		);
	}
	const siteWidth = Math.max(8, inner - (11 + 1 + 9 + 1 + 8 + 1 + 9));
	const listRows = Math.max(0, lines - 2);
	const start = Math.min(slice.scroll, Math.max(0, slice.rows.length - listRows));
	const shown = slice.rows.slice(start, start + listRows);
	const more = slice.rows.length - start - shown.length;
	return (
		<PaneFrame
			title="Leaks"
			width={width}
			height={height}
			focused={focused}
			note={`${slice.rows.length} alert${slice.rows.length === 1 ? '' : 's'}${more > 0 ? `, ${more} more ↓` : ''}`}
		>
			<Text wrap="truncate">{settings}</Text>
			<Tint tone="muted">{`${'kind'.padEnd(11)} ${fit('site', siteWidth)} ${'bytes'.padStart(9)} ${'blocks'.padStart(8)} ${'age'.padStart(9)}`}</Tint>
			{shown.map(row => (
				<Text key={`${row.kind}-${row.site}`} wrap="truncate">
					<Tint color={kindColors[row.kind] ?? 'red'}>{fit(row.kind, 11)}</Tint> {fit(row.site || '(no site)', siteWidth)}{' '}
					{formatBytes(row.bytes).padStart(9)} {formatCount(row.blocks).padStart(8)} {`${formatCount(row.age)} ev`.padStart(9)}
				</Text>
			))}
		</PaneFrame>
	);
});
