import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {formatBytes, formatEventNumber, formatMs} from '../../format/units.js';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import {Sparkline} from '../components/sparkline.js';
import type {GcSlice} from '../store/snapshot.js';

interface GcPaneProps {
	readonly slice: GcSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** Collections: pause per cycle as a sparkline, the last cycles newest first, and the totals. */
export const GcPane = memo(function GcPane({slice, width, height, focused}: GcPaneProps) {
	const inner = Math.max(1, width - 2);
	const lines = Math.max(1, height - 2);
	const trigger = slice.trigger > 0 ? `${slice.trigger}%` : 'off';
	const settings = `collector ${slice.collector} · reclaim ${slice.reclaim} · trigger ${trigger}`;
	if (slice.cycles === 0) {
		const hint = slice.collector === 'none' ? 'no collector: g picks one, G collects now' : 'no collections yet (G collects now)';
		return (
			<PaneFrame title="GC" width={width} height={height} focused={focused}>
				<Text wrap="truncate">{settings}</Text>
				<Tint tone="muted">{hint}</Tint>
			</PaneFrame>
		);
	}
	const pauses = slice.recent.map(cycle => cycle.pauseModeledMs);
	const label = `pause ≤${formatMs(Math.max(...pauses, 0))} `;
	const listRows = Math.max(0, lines - 3);
	const newestFirst = slice.recent.slice().reverse();
	const start = Math.min(slice.scroll, Math.max(0, newestFirst.length - listRows));
	const shown = newestFirst.slice(start, start + listRows);
	return (
		<PaneFrame title="GC" width={width} height={height} focused={focused} note={`${slice.cycles} cycles`}>
			<Text wrap="truncate">{settings}</Text>
			<Box>
				<Text>{label}</Text>
				<Sparkline values={pauses} width={Math.max(1, inner - label.length)} style="blocks" tone="warning" />
			</Box>
			{shown.map(cycle => (
				<Text key={`${cycle.event}-${cycle.kind}`} wrap="truncate">
					{formatEventNumber(cycle.event).padEnd(11)} <Tint tone={cycle.kind === 'major' ? 'warning' : 'accent'}>{cycle.kind.padEnd(5)}</Tint>{' '}
					reclaimed {formatBytes(cycle.reclaimedBytes).padStart(9)} · moved {formatBytes(cycle.movedBytes).padStart(9)} · pause {formatMs(cycle.pauseModeledMs)}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text wrap="truncate">
				{slice.cycles} cycles ({slice.minorCycles} minor, {slice.majorCycles} major) · reclaimed {formatBytes(slice.reclaimedBytes)} · moved{' '}
				{formatBytes(slice.movedBytes)} · pause {formatMs(slice.pauseTotal)} total, {formatMs(slice.pauseMax)} max
			</Text>
		</PaneFrame>
	);
});
