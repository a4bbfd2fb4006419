import {tones, type Tone} from './color.js';

/** A run of text in one style: the unit a pane's lines are built from. */
export interface Span {
	readonly text: string;
	readonly tone?: Tone;
	/** A raw colour name, where no tone fits (leak kinds). */
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
}

export type Line = string | readonly Span[];

const foreground: Record<string, number> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
};

/** Visible width of a line. Every glyph the dashboard draws is one column wide (no emoji, no CJK). */
export function lineWidth(line: Line): number {
	if (typeof line === 'string') return line.length;
	let width = 0;
	for (const span of line) width += span.text.length;
	return width;
}

/** Cut a line to `width` columns, ending in '…' when something was cut. */
export function fitLine(line: Line, width: number): Line {
	if (lineWidth(line) <= width) return line;
	if (width <= 0) return '';
	if (typeof line === 'string') return `${line.slice(0, width - 1)}…`;
	const out: Span[] = [];
	let room = width - 1;
	for (const span of line) {
		if (room <= 0) break;
		const text = span.text.slice(0, room);
		out.push({...span, text});
		room -= text.length;
	}
	out.push({text: '…'});
	return out;
}

/**
 * The line without its trailing spaces. Nothing the dashboard paints has a background, so they are
 * invisible; unwritten cells are blank anyway, and Ink tokenizes every character written, every frame.
 */
export function trimLine(line: Line): Line {
	if (typeof line === 'string') return line.trimEnd();
	let end = line.length;
	while (end > 0 && line[end - 1]!.text.trimEnd() === '') end--;
	if (end === 0) return '';
	const last = line[end - 1]!;
	const text = last.text.trimEnd();
	if (end === line.length && text === last.text) return line;
	return [...line.slice(0, end - 1), {...last, text}];
}

/**
 * A line as terminal text: SGR colour codes around each styled span, nothing when colour is off
 * (bold and dim stay: they are not colour). Spans are joined without resets between equal styles.
 */
export function paint(line: Line, color: boolean): string {
	if (typeof line === 'string') return line;
	let out = '';
	for (const span of line) {
		if (!span.text) continue;
		const name = span.color ?? (span.tone ? tones[span.tone] : undefined);
		const code = color && name ? foreground[name] : undefined;
		let open = '';
		let close = '';
		if (span.bold) {
			open += '\u001B[1m';
			close = `\u001B[22m${close}`;
		}
		if (span.dim && color) {
			open += '\u001B[2m';
			close = `\u001B[22m${close}`;
		}
		if (code !== undefined) {
			open += `\u001B[${code}m`;
			close = `\u001B[39m${close}`;
		}
		out += open + span.text + close;
	}
	return out;
}

/** Pad a string on the left or right to `width` (for table columns). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	return align === 'left' ? text.padEnd(width) : text.padStart(width);
}
