import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import {type CommandSpec, keymap} from '../keymap/commands.js';

type Group = CommandSpec['group'];
const labelWidth = Math.max(...keymap.map(spec => spec.label.length)) + 2;

/** Every key, generated from the keymap: the help can never disagree with what the keys do. */
export const HelpOverlay = memo(function HelpOverlay({width, height}: {readonly width: number; readonly height: number}) {
	const columns: Group[][] = width >= 180 ? [['Run'], ['Memory'], ['View']] : [['Run', 'View'], ['Memory']];
	const columnWidth = Math.floor((width - 2) / columns.length);
	return (
		<PaneFrame title="Help" width={width} height={height} focused note="? or esc closes">
			<Box flexDirection="row">
				{columns.map(column => (
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
					</Box>
				))}
			</Box>
		</PaneFrame>
	);
});
