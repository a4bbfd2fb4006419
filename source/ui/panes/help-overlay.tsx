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

/** Every key, generated from the keymap (and the mode's own table): the help can never disagree with what the keys do. */
export const HelpOverlay = memo(function HelpOverlay({width, height, extra}: HelpOverlayProps) {
	const columns: Group[][] = width >= 180 ? [['Run'], ['Memory'], ['View']] : [['Run', 'View'], ['Memory']];
	const columnWidth = Math.floor((width - 2) / columns.length);
	const labelWidth = Math.max(...keymap.map(spec => spec.label.length), ...(extra?.entries.map(entry => entry.label.length) ?? [])) + 2;
	return (
		<PaneFrame title="Help" width={width} height={height} focused note="? or esc closes">
			<Box flexDirection="row">
				{columns.map((column, index) => (
					<Box key={column.join()} flexDirection="column" width={columnWidth} paddingRight={2}>
						{column.map(group => (
							<Box key={group} flexDirection="column" marginBottom={1}>
								<Tint tone="accent" bold>
									{group}
								</Tint>
								{keymap
									.filter(spec => spec.group === group)
									.map(spec => (
										<Text key={spec.command} wrap="truncate">
											<Text bold>{spec.label.padEnd(labelWidth)}</Text>
											{spec.description}
										</Text>
									))}
							</Box>
						))}
						{extra && index === columns.length - 1 ? (
							<Box flexDirection="column" marginBottom={1}>
								<Tint tone="accent" bold>
									{extra.title}
								</Tint>
								{extra.entries.map(entry => (
									<Text key={entry.label} wrap="truncate">
										<Text bold>{entry.label.padEnd(labelWidth)}</Text>
										{entry.description}
									</Text>
								))}
							</Box>
						) : null}
					</Box>
				))}
			</Box>
		</PaneFrame>
	);
});
