import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import {type Tone} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import {Sparkline} from '../components/sparkline.js';
import type {TrendsSlice} from '../store/snapshot.js';

interface TrendsPaneProps {
	readonly slice: TrendsSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

interface Series {
	readonly label: string;
	readonly values: readonly number[];
	readonly now: string;
	readonly detail: string;
	readonly tone: Tone;
	readonly range: {min?: number; max?: number};
}

const labelWidth = 24;

/** Live bytes, utilization and external fragmentation over time, as braille sparklines. */
export const TrendsPane = memo(function TrendsPane({slice, width, height, focused}: TrendsPaneProps) {
	const inner = Math.max(1, width - 2);
	const lines = Math.max(3, height - 2);
	const last = (values: readonly number[]) => values[values.length - 1] ?? 0;
	const series: Series[] = [
		{label: 'live', values: slice.live, now: formatBytes(last(slice.live)), detail: `peak ${formatBytes(slice.peakLive)}`, tone: 'used', range: {min: 0}},
		{label: 'utilization', values: slice.utilization, now: formatPercent(last(slice.utilization)), detail: 'live / high-water', tone: 'accent', range: {min: 0, max: 1}},
		{label: 'ext frag', values: slice.fragmentation, now: formatPercent(last(slice.fragmentation)), detail: '1 - largest/free', tone: 'warning', range: {min: 0, max: 1}},
	];
	const rows = Math.max(1, Math.floor(lines / 3));
	const graphWidth = Math.max(1, inner - labelWidth);
	return (
		<PaneFrame title="Trends" width={width} height={height} focused={focused} note={`${slice.live.length} samples`}>
			{series.map(s => (
				<Box key={s.label} height={rows}>
					<Box flexDirection="column" width={labelWidth}>
						<Text wrap="truncate">
							{s.label.padEnd(12)}
							{s.now.padStart(10)}
						</Text>
						{rows > 1 ? (
							<Text dimColor wrap="truncate">
								{s.detail}
							</Text>
						) : null}
					</Box>
					<Sparkline values={s.values} width={graphWidth} height={rows} tone={s.tone} range={s.range} />
				</Box>
			))}
		</PaneFrame>
	);
});
