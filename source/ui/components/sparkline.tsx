import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {tones, type Tone, useColor} from './color.js';
import {blockSparkline, brailleSparkline, type Range} from './sparkline-text.js';

interface SparklineProps {
	readonly values: readonly number[];
	readonly width: number;
	readonly height?: number;
	readonly tone?: Tone;
	readonly range?: Range;
	/** Braille (two samples a character) or blocks (one). */
	readonly style?: 'braille' | 'blocks';
}

export const Sparkline = memo(function Sparkline({values, width, height = 1, tone = 'accent', range, style = 'braille'}: SparklineProps) {
	const color = useColor() ? tones[tone] : undefined;
	const rows = style === 'braille' ? brailleSparkline(values, width, height, range) : [blockSparkline(values, width, range)];
	return (
		<Box flexDirection="column" width={width}>
			{rows.map((row, i) => (
				<Text key={i} color={color} wrap="truncate">
					{row}
				</Text>
			))}
		</Box>
	);
});
