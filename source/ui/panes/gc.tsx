import React, {memo, useMemo} from 'react';
import {counted, formatBytes, formatEventNumber, formatMs} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import {blockSparkline} from '../components/sparkline-text.js';
import type {Line} from '../components/spans.js';
import type {GcSlice} from '../store/snapshot.js';

interface GcPaneProps {
	readonly slice: GcSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** Settings, a sparkline of pause per cycle, the last cycles newest first, and the totals. */
export function gcLines(slice: GcSlice, width: number, height: number): Line[] {
	const trigger = slice.trigger > 0 ? `${slice.trigger}%` : 'off';
	const lines: Line[] = [`collector ${slice.collector} · reclaim ${slice.reclaim} · trigger ${trigger}`];
	if (slice.cycles === 0) {
		const hint = slice.collector === 'none' ? 'no collector: g picks one, G collects now' : 'no collections yet (G collects now)';
		lines.push([{text: hint, tone: 'muted'}]);
		return lines;
	}
	const pauses = slice.recent.map(cycle => cycle.pauseModeledMs);
	const label = `pause ≤${formatMs(Math.max(...pauses, 0))} `;
	lines.push([{text: label}, {text: blockSparkline(pauses, Math.max(1, width - label.length)), tone: 'warning'}]);
	const listRows = Math.max(0, height - 3);
	const newestFirst = slice.recent.slice().reverse();
	const start = Math.min(slice.scroll, Math.max(0, newestFirst.length - listRows));
	for (const cycle of newestFirst.slice(start, start + listRows)) {
		lines.push([
			{text: `${formatEventNumber(cycle.event).padEnd(11)} `, tone: 'muted'},
			{text: cycle.kind.padEnd(5), tone: cycle.kind === 'major' ? 'warning' : 'accent'},
			{text: ` reclaimed ${formatBytes(cycle.reclaimedBytes).padStart(9)} · moved ${formatBytes(cycle.movedBytes).padStart(9)} · pause ${formatMs(cycle.pauseModeledMs)}`},
		]);
	}
	while (lines.length < height - 1) lines.push('');
	lines.push(
		`${counted(slice.cycles, 'cycle')} (${slice.minorCycles} minor, ${slice.majorCycles} major) · reclaimed ${formatBytes(slice.reclaimedBytes)} · moved ${formatBytes(slice.movedBytes)} · pause ${formatMs(slice.pauseTotal)} total, ${formatMs(slice.pauseMax)} max`,
	);
	return lines;
}

/** Collections: how long they paused, what they reclaimed and moved. */
export const GcPane = memo(function GcPane({slice, width, height, focused}: GcPaneProps) {
	const lines = useMemo(() => gcLines(slice, width - 2, height - 2), [slice, width, height]);
	return (
		<PaneFrame title="GC" width={width} height={height} focused={focused} note={slice.cycles > 0 ? counted(slice.cycles, 'cycle') : undefined}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
