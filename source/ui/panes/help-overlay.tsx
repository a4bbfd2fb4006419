import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import {type CommandSpec, keymap} from '../keymap/commands.js';

type Group = CommandSpec['group'];

/** Keys a mode adds (review's seeking keys), listed under their own heading. */
export interface HelpGroup {
	readonly title: string;
	readonly entries: ReadonlyArray<{readonly label: string; readonly description: string}>;
}

interface HelpOverlayProps {
	readonly width: number;
	readonly height: number;
	readonly extra?: HelpGroup;
}

/** The dashboard's own keys, grouped as the keymap groups them. */
const keymapGroup = (group: Group): HelpGroup => ({
	title: group,
	entries: keymap.filter(spec => spec.group === group).map(({label, description}) => ({label, description})),
});

/** Every key, generated from the keymap (and the mode's own table): the help can never disagree with what the keys do. */
export const HelpOverlay = memo(function HelpOverlay({width, height, extra}: HelpOverlayProps) {
	const columns: HelpGroup[][] = (width >= 180 ? [['Run'], ['Memory'], ['View']] : [['Run', 'View'], ['Memory']]).map(column =>
		(column as Group[]).map(keymapGroup),
	);
	// A mode's keys go under the last column, the shortest.
	if (extra) columns[columns.length - 1]!.push(extra);
	const columnWidth = Math.floor((width - 2) / columns.length);
	const labelWidth = Math.max(...columns.flat().flatMap(group => group.entries.map(entry => entry.label.length))) + 2;
	return (
		<PaneFrame title="Help" width={width} height={height} focused note="? or esc closes">
			<Box flexDirection="row">
				{columns.map(column => (
					<Box key={column.map(group => group.title).join()} flexDirection="column" width={columnWidth} paddingRight={2}>
						{column.map(group => (
							<Box key={group.title} flexDirection="column" marginBottom={1}>
								<Tint tone="accent" bold>
									{group.title}
								</Tint>
								{group.entries.map(entry => (
									<Text key={entry.label} wrap="truncate">
										<Text bold>{entry.label.padEnd(labelWidth)}</Text>
										{entry.description}
									</Text>
								))}
							</Box>
						))}
					</Box>
				))}
			</Box>
		</PaneFrame>
	);
});
