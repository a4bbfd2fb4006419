import {Text} from 'ink';
import React from 'react';
import {compactSize} from './geometry.js';

/** One line until the terminal is resized; it shows the current size so every resize redraws. */
export function TooSmall({columns, rows}: {readonly columns: number; readonly rows: number}) {
	return (
		<Text wrap="truncate">
			terminal too small (need {compactSize.columns}x{compactSize.rows}, have {columns}x{rows})
		</Text>
	);
}
