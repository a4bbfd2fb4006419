import {Transform} from 'ink';
import React, {memo, useMemo} from 'react';
import {useColor} from './color.js';
import {fitLine, type Line, paint, trimLine} from './spans.js';

interface LinesProps {
	readonly lines: readonly Line[];
	readonly width: number;
	/** Lines reserved (defaults to the lines given). */
	readonly height?: number;
}

const blankBlocks = new Map<string, string>();

/** A block of spaces: the same string for the same size, so Ink measures it once. */
function blankBlock(width: number, height: number): string {
	const key = `${width}x${height}`;
	let block = blankBlocks.get(key);
	if (block === undefined) {
		block = Array.from({length: height}, () => ' '.repeat(width)).join('\n');
		blankBlocks.set(key, block);
	}
	return block;
}

/**
 * Lines of live text, drawn through Ink's `<Transform>`: Ink lays out a constant block of spaces
 * and the painted lines replace it as the frame is written. Ink measures a changed text with
 * string-width (slow on block and braille glyphs) and keeps every text it ever measured in a cache
 * that never shrinks; text that changes every frame would cost both, this costs neither.
 */
export const Lines = memo(function Lines({lines, width, height}: LinesProps) {
	const color = useColor();
	const rows = height ?? lines.length;
	const painted = useMemo(() => lines.slice(0, rows).map(line => paint(trimLine(fitLine(line, width)), color)), [lines, rows, width, color]);
	if (rows <= 0 || width <= 0) return null;
	return <Transform transform={(_line: string, index: number) => painted[index] ?? ''}>{blankBlock(width, rows)}</Transform>;
});
