import React, {memo, useMemo} from 'react';
import {formatBytes, formatPercent} from '../../format/units.js';
import {useColor} from '../components/color.js';
import {type CellTone, glyphs, heapView} from '../components/heap-grid.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {Line, Span} from '../components/spans.js';
import type {HeapSlice} from '../store/snapshot.js';

interface HeapPaneProps {
	readonly slice: HeapSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** The grid's size inside a Heap pane of `width`×`height` (a summary line above, a legend below). */
export function heapGrid(width: number, height: number): {columns: number; rows: number; legendLines: number} {
	const innerHeight = Math.max(1, height - 2);
	const legendLines = innerHeight >= 8 ? 2 : 1;
	return {columns: Math.max(1, width - 2), rows: Math.max(1, innerHeight - 1 - legendLines), legendLines};
}

function count(n: number): string {
	return n.toLocaleString('en-US');
}

function legend(color: boolean, largest: HeapSlice['largestFree']): Span[] {
	const key = (glyph: string, tone: CellTone, label: string): Span[] => [{text: glyph, tone}, {text: ` ${label} `}];
	return [
		...key('█', 'used', 'used'),
		...key(color ? '█' : glyphs.leakedPlain, 'leaked', 'leaked'),
		...key(color ? '█' : glyphs.movedPlain, 'moved', 'moved'),
		...key(glyphs.free, 'free', 'free'),
		...key(glyphs.largest, 'largest', largest ? `largest ${formatBytes(largest.size)} @${formatBytes(largest.addr)}` : 'largest free'),
	];
}

/** The pane's lines: a summary, the grid, and a legend with the scale and the largest free block. */
export function heapLines(slice: HeapSlice, width: number, height: number, color: boolean): {lines: Line[]; page: number; pages: number} {
	const grid = heapGrid(width, height);
	const view = heapView(slice, grid.columns, grid.rows, color);
	const scale: Span = {text: `${formatBytes(view.bytesPerChar)}/char · ${formatBytes(view.from)}–${formatBytes(view.to)} of ${formatBytes(slice.heapBytes)}`, tone: 'muted'};
	const lines: Line[] = [
		`live ${formatBytes(slice.liveBytes)} (${count(slice.liveBlocks)} blocks) · free ${formatBytes(slice.freeBytes)} (${count(slice.freeBlocks)}) · frag ${formatPercent(slice.externalFragmentation)}`,
	];
	for (let i = 0; i < grid.rows; i++) lines.push(view.rows[i] ?? '');
	if (grid.legendLines === 2) lines.push(legend(color, slice.largestFree), [scale]);
	else lines.push([...legend(color, slice.largestFree), {text: '· '}, scale]);
	return {lines, page: view.page, pages: view.pages};
}

/** The block occupancy map: the heap as a grid of address ranges, shaded by fullness, toned by state. */
export const HeapPane = memo(function HeapPane({slice, width, height, focused}: HeapPaneProps) {
	const color = useColor();
	const {lines, page, pages} = useMemo(() => heapLines(slice, width, height, color), [slice, width, height, color]);
	return (
		<PaneFrame title="Heap" width={width} height={height} focused={focused} note={pages > 1 ? `page ${page + 1}/${pages} ↓` : undefined}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
