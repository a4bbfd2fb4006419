import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {groupLine, layoutBar} from '../../flink/bar.js';
import type {FlinkSlice} from '../../flink/sim/flink-slice.js';
import {counted, formatBytes, formatPercent} from '../../format/units.js';
import {Tint, useColor, type Tone} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';

interface FlinkPaneProps {
	readonly slice: FlinkSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

const labelWidth = 9;

/**
 * `--flink` runs, in place of Trends: the TaskManager's memory model as `memsim flink` draws it
 * (configured sizes), then gauges of what is used now of managed memory (pages) and network memory
 * (buffers), the use cases' pages, and the last refusal in Flink's words.
 */
export const FlinkPane = memo(function FlinkPane({slice, width, height, focused}: FlinkPaneProps) {
	const color = useColor();
	const inner = Math.max(10, width - 2);
	// Without colour, `|` marks each segment's start and one more closes the bar.
	const laid = layoutBar(slice.segments, color ? inner : inner - 1);
	const {managed, network} = slice;
	const note = `${counted(slice.slots, 'slot')} · ${formatBytes(slice.segmentSize)} pages`;
	const gaugeWidth = Math.max(4, Math.min(30, inner - labelWidth - 42));
	const rows = [
		<Text key="groups" wrap="truncate">
			{groupLine(laid, slice.segments, slice.groups)}
		</Text>,
		<Text key="bar" wrap="truncate">
			{laid.map(part =>
				color ? (
					<Text key={part.segment.label} color="black" backgroundColor={part.segment.color}>
						{(' ' + part.text).padEnd(part.columns)}
					</Text>
				) : (
					<Text key={part.segment.label}>{`|${part.text.padEnd(part.columns - 1)}`}</Text>
				),
			)}
			{color ? '' : '|'}
		</Text>,
		<Gauge
			key="managed"
			label="managed"
			used={managed.usedPages}
			total={managed.pages}
			width={gaugeWidth}
			text={`${formatBytes(managed.usedPages * slice.segmentSize)} / ${formatBytes(managed.pages * slice.segmentSize)}  ${managed.usedPages}/${managed.pages} pages`}
			tone="used"
		/>,
		<Gauge
			key="network"
			label="network"
			used={network.usedBuffers}
			total={network.buffers}
			width={gaugeWidth}
			text={`${formatBytes(network.usedBuffers * slice.segmentSize)} / ${formatBytes(network.bytes)}  ${network.usedBuffers}/${network.buffers} buffers`}
			tone="moved"
		/>,
		<Text key="use-cases" wrap="truncate">
			{slice.useCases.length === 0
				? 'no managed memory consumers in this job'
				: slice.useCases.map(row => `${row.useCase} ${row.used}/${row.limit}`).join('  ') + ` pages (per slot ${slice.perSlotPages})`}
		</Text>,
	];
	if (slice.unreleasedTasks > 0) {
		rows.push(
			<Tint key="unreleased" tone="error">
				{`${counted(slice.unreleasedTasks, 'task end')}: not all slot managed memory was freed`}
			</Tint>,
		);
	}
	if (slice.lastFailure !== undefined) {
		rows.push(
			<Text key="failure" wrap="truncate">
				<Tint tone="error">{`${slice.failures} refused: `}</Tint>
				{slice.lastFailure}
			</Text>,
		);
	}
	return (
		<PaneFrame title="Flink" width={width} height={height} focused={focused} note={note}>
			<Box flexDirection="column">{rows.slice(0, Math.max(1, height - 2))}</Box>
		</PaneFrame>
	);
});

interface GaugeProps {
	readonly label: string;
	readonly used: number;
	readonly total: number;
	readonly width: number;
	readonly text: string;
	readonly tone: Tone;
}

/** `managed  [█████░░░░░]  42.0%  text`. */
function Gauge({label, used, total, width, text, tone}: GaugeProps) {
	const share = total > 0 ? Math.min(1, used / total) : 0;
	const filled = Math.round(share * width);
	return (
		<Text wrap="truncate">
			{label.padEnd(labelWidth)}
			<Tint tone={tone}>{'█'.repeat(filled)}</Tint>
			<Tint tone="free">{'░'.repeat(width - filled)}</Tint>
			{` ${formatPercent(share).padStart(6)}  ${text}`}
		</Text>
	);
}
