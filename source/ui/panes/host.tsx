import {Text} from 'ink';
import React, {memo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {HostSlice} from '../store/snapshot.js';

interface HostPaneProps {
	readonly slice: HostSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** A small bar of `fraction` in `width` characters. */
function bar(fraction: number, width: number): string {
	const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** The real machine's memory and this process's own, refreshed at most once a second. */
export const HostPane = memo(function HostPane({slice, width, height, focused}: HostPaneProps) {
	const inner = Math.max(1, width - 2);
	const barWidth = Math.max(4, Math.min(20, inner - 34));
	const usedShare = slice.total > 0 ? slice.used / slice.total : 0;
	return (
		<PaneFrame title="Host" width={width} height={height} focused={focused}>
			{slice.ok ? (
				<>
					<Text wrap="truncate">
						{'memory '}
						<Tint tone={usedShare > 0.9 ? 'error' : 'used'}>{bar(usedShare, barWidth)}</Tint> {formatPercent(usedShare, 0)} of {formatBytes(slice.total)}
					</Text>
					<Text wrap="truncate">
						used {formatBytes(slice.used)} · available {formatBytes(slice.available)}
					</Text>
					<Text wrap="truncate">
						swap {slice.swapTotal > 0 ? `${formatBytes(slice.swapUsed)} of ${formatBytes(slice.swapTotal)}` : 'none'}
					</Text>
				</>
			) : (
				<Tint tone="muted">{slice.total === 0 && slice.rss === 0 ? 'reading…' : 'host memory unavailable'}</Tint>
			)}
			<Text wrap="truncate">
				memsim RSS {formatBytes(slice.rss)} · JS heap {formatBytes(slice.heapUsed)} of {formatBytes(slice.heapTotal)}
			</Text>
		</PaneFrame>
	);
});
