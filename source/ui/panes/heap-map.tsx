import {Box, Text} from 'ink';
import React, {memo, useMemo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import {tones, useColor} from '../components/color.js';
import {type CellTone, glyphs, heapView} from '../components/heap-grid.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {HeapSlice} from '../store/snapshot.js';

interface HeapPaneProps {
	readonly slice: HeapSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

function count(n: number): string {
	return n.toLocaleString('en-US');
}

/** The grid's size inside a Heap pane of `width`×`height` (a summary line above, a legend below). */
export function heapGrid(width: number, height: number): {columns: number; rows: number; legendLines: number} {
	const innerHeight = Math.max(1, height - 2);
	const legendLines = innerHeight >= 8 ? 2 : 1;
	return {columns: Math.max(1, width - 2), rows: Math.max(1, innerHeight - 1 - legendLines), legendLines};
}

/** The block occupancy map: the heap as a grid of address ranges, shaded by fullness, toned by state. */
export const HeapPane = memo(function HeapPane({slice, width, height, focused}: HeapPaneProps) {
	const color = useColor();
	const {columns: innerWidth, rows: gridHeight, legendLines} = heapGrid(width, height);
	const view = useMemo(() => heapView(slice, innerWidth, gridHeight, color), [slice, innerWidth, gridHeight, color]);
	const paint = (tone: CellTone) => (color ? tones[tone] : undefined);
	const largest = slice.largestFree;
	const scale = `1 char = ${formatBytes(view.bytesPerChar)} · ${formatBytes(view.from)}–${formatBytes(view.to)} of ${formatBytes(slice.heapBytes)}`;
	const largestText = largest ? `largest free ${formatBytes(largest.size)} @ ${formatBytes(largest.addr)}` : 'no free block';
	const key = (glyph: string, tone: CellTone, label: string) => (
		<Text>
			<Text color={paint(tone)}>{glyph}</Text> {label}{'  '}
		</Text>
	);
	return (
		<PaneFrame title="Heap" width={width} height={height} focused={focused} note={view.pages > 1 ? `page ${view.page + 1}/${view.pages}` : undefined}>
			<Text wrap="truncate">
				live {formatBytes(slice.liveBytes)} in {count(slice.liveBlocks)} blocks · free {formatBytes(slice.freeBytes)} in {count(slice.freeBlocks)} · ext frag{' '}
				{formatPercent(slice.externalFragmentation)}
			</Text>
			<Box flexDirection="column" height={gridHeight}>
				{view.rows.map((row, i) => (
					<Text key={i} wrap="truncate">
						{row.map((segment, j) => (
							<Text key={j} color={paint(segment.tone)}>
								{segment.text}
							</Text>
						))}
					</Text>
				))}
			</Box>
			<Text wrap="truncate">
				{key('█', 'used', 'used')}
				{key(color ? '█' : glyphs.leakedPlain, 'leaked', 'leaked')}
				{key(color ? '█' : glyphs.movedPlain, 'moved', 'moved')}
				{key(glyphs.largest, 'largest', 'largest free')}
				{key(glyphs.free, 'free', 'free')}
				{legendLines === 1 ? `${scale} · ${largestText}` : ''}
			</Text>
			{legendLines === 2 ? (
				<Text wrap="truncate">
					{scale} · {largestText}
				</Text>
			) : null}
		</PaneFrame>
	);
});
