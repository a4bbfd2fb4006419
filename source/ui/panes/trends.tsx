import React, {memo, useMemo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import type {Tone} from '../components/color.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import {brailleSparkline, type Range} from '../components/sparkline-text.js';
import type {Line} from '../components/spans.js';
import type {TrendsSlice} from '../store/snapshot.js';

interface TrendsPaneProps {
	readonly slice: TrendsSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

const labelWidth = 24;

/** Three braille sparklines (live bytes, utilization, external fragmentation), labels on the left. */
export function trendsLines(slice: TrendsSlice, width: number, height: number): Line[] {
	const last = (values: readonly number[]) => values[values.length - 1] ?? 0;
	const series: Array<{label: string; values: readonly number[]; now: string; detail: string; tone: Tone; range: Range}> = [
		{label: 'live', values: slice.live, now: formatBytes(last(slice.live)), detail: `peak ${formatBytes(slice.peakLive)}`, tone: 'used', range: {min: 0}},
		{label: 'utilization', values: slice.utilization, now: formatPercent(last(slice.utilization)), detail: 'live / high-water', tone: 'accent', range: {min: 0, max: 1}},
		{label: 'ext frag', values: slice.fragmentation, now: formatPercent(last(slice.fragmentation)), detail: '1 - largest / free', tone: 'warning', range: {min: 0, maxAtLeast: 0.1}},
	];
	const rows = Math.max(1, Math.floor(height / 3));
	const graphWidth = Math.max(1, width - labelWidth);
	const lines: Line[] = [];
	for (const s of series) {
		const graph = brailleSparkline(s.values, graphWidth, rows, s.range);
		for (let r = 0; r < rows; r++) {
			const label = r === 0 ? `${s.label.padEnd(12)}${s.now.padStart(10)}  ` : r === 1 ? `  ${s.detail}` : '';
			lines.push([{text: label.padEnd(labelWidth).slice(0, labelWidth), tone: r === 0 ? undefined : 'muted'}, {text: graph[r]!, tone: s.tone}]);
		}
	}
	return lines;
}

/** How the heap got here: a few samples a second of running, the newest on the right. */
export const TrendsPane = memo(function TrendsPane({slice, width, height, focused}: TrendsPaneProps) {
	const lines = useMemo(() => trendsLines(slice, width - 2, height - 2), [slice, width, height]);
	return (
		<PaneFrame title="Trends" width={width} height={height} focused={focused}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
