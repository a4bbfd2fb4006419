import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {Tint} from '../components/color.js';
import {keymap} from '../keymap/commands.js';

const entries = keymap.filter(spec => spec.footer).map(spec => ({keys: spec.footerLabel ?? spec.label, text: spec.footer!}));

/** The main keys, from the keymap (the same table the dispatcher and the help overlay use). */
export const Footer = memo(function Footer({width}: {readonly width: number}) {
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate">
				{entries.map(({keys, text}, i) => (
					<Text key={keys}>
						{i > 0 ? '  ' : ''}
						<Tint tone="accent" bold>
							{keys}
						</Tint>{' '}
						{text}
					</Text>
				))}
			</Text>
		</Box>
	);
});
