import React, {memo, useMemo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {Line} from '../components/spans.js';
import type {HostSlice} from '../store/snapshot.js';

interface HostPaneProps {
	readonly slice: HostSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

function bar(fraction: number, width: number): string {
	const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Machine memory (total, used, available, swap) and this process's RSS and JS heap. */
export function hostLines(slice: HostSlice, width: number): Line[] {
	const own = `memsim RSS ${formatBytes(slice.rss)} · JS heap ${formatBytes(slice.heapUsed).replace(/ .*$/, '')}/${formatBytes(slice.heapTotal)}`;
	if (!slice.ok) return [[{text: slice.rss === 0 ? 'reading…' : 'host memory unavailable', tone: 'muted'}], own];
	const share = slice.total > 0 ? slice.used / slice.total : 0;
	const barWidth = Math.max(4, Math.min(20, width - 30));
	return [
		[{text: 'memory '}, {text: bar(share, barWidth), tone: share > 0.9 ? 'error' : 'used'}, {text: ` ${formatPercent(share, 0)} of ${formatBytes(slice.total)}`}],
		`used ${formatBytes(slice.used)} · available ${formatBytes(slice.available)}`,
		`swap ${slice.swapTotal > 0 ? `${formatBytes(slice.swapUsed)} of ${formatBytes(slice.swapTotal)}` : 'none'}`,
		own,
	];
}

/** The real machine's memory, refreshed at most once a second. */
export const HostPane = memo(function HostPane({slice, width, height, focused}: HostPaneProps) {
	const lines = useMemo(() => hostLines(slice, width - 2), [slice, width]);
	return (
		<PaneFrame title="Host" width={width} height={height} focused={focused}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
