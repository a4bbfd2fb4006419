import {Box} from 'ink';
import React, {memo, type ReactNode, useMemo} from 'react';
import {tones, useColor} from './color.js';
import {Lines} from './lines.js';
import type {Line} from './spans.js';

interface PaneFrameProps {
	readonly title: string;
	readonly width: number;
	readonly height: number;
	readonly focused?: boolean;
	/** Short text at the right of the top border ("3 alerts", "zoomed"). */
	readonly note?: string;
	readonly children?: ReactNode;
}

/** The top border with the title in it: ╭─ Heap ─────── note ─╮, or heavy ┏━ Heap ━━━┓ when focused. */
export function topBorder(title: string, width: number, note = '', focused = false): {left: string; title: string; middle: string; note: string; right: string} {
	const [corner, line, end] = focused ? ['┏', '━', '┓'] : ['╭', '─', '╮'];
	// corner + line + space + title + space + fill + [note + line] + end
	const fillFor = (n: string) => width - 5 - title.length - (n ? n.length + 1 : 0);
	const shownNote = note && fillFor(` ${note} `) >= 1 ? ` ${note} ` : '';
	const fill = Math.max(0, fillFor(shownNote));
	return {left: `${corner}${line} `, title, middle: ` ${line.repeat(fill)}`, note: shownNote, right: `${shownNote ? line : ''}${end}`};
}

/**
 * A bordered box with its title in the top border; a focused pane has a heavy border (and an accent
 * colour). The top border is drawn as one painted line (see `Lines`): as nested <Text>s Ink would
 * measure its box-drawing characters with string-width on every frame.
 */
export const PaneFrame = memo(function PaneFrame({title, width, height, focused = false, note, children}: PaneFrameProps) {
	const color = useColor();
	const borderColor = focused && color ? tones.accent : undefined;
	const top = useMemo((): Line[] => {
		const parts = topBorder(title, width, note, focused);
		const border = focused ? 'accent' : undefined;
		return [
			[
				{text: parts.left, tone: border},
				{text: parts.title, tone: border, bold: focused},
				{text: parts.middle, tone: border},
				{text: parts.note, tone: 'muted'},
				{text: parts.right, tone: border},
			],
		];
	}, [title, width, note, focused]);
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<Lines lines={top} width={width} />
			<Box
				borderStyle={focused ? 'bold' : 'round'}
				borderTop={false}
				borderColor={borderColor}
				flexDirection="column"
				width={width}
				height={height - 1}
			>
				{children}
			</Box>
		</Box>
	);
});
