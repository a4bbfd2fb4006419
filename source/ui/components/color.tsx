import {Text} from 'ink';
import React, {createContext, memo, useContext, type ReactNode} from 'react';

/** Colour on or off for the whole dashboard (`--no-color`, NO_COLOR). */
export const ColorContext = createContext(true);

export function useColor(): boolean {
	return useContext(ColorContext);
}

/** The dashboard's palette, by meaning. */
export const tones = {
	used: 'green',
	leaked: 'red',
	moved: 'cyan',
	/** The largest free block is marked by its glyph (░), not by a loud colour. */
	largest: 'gray',
	free: 'gray',
	accent: 'cyan',
	warning: 'yellow',
	error: 'red',
	muted: 'gray',
} as const;
export type Tone = keyof typeof tones;

interface TintProps {
	readonly tone?: Tone;
	/** A raw Ink colour, for the few places a tone does not fit. */
	readonly color?: string;
	readonly bold?: boolean;
	readonly children?: ReactNode;
}

/** Text in a tone, or plain text when colour is off. */
export const Tint = memo(function Tint({tone, color, bold, children}: TintProps) {
	const on = useColor();
	const value = on ? (color ?? (tone ? tones[tone] : undefined)) : undefined;
	return (
		<Text color={value} bold={bold}>
			{children}
		</Text>
	);
});
