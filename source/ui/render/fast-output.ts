import {type InkHelpers, type StyledLine, StyledLines} from './styled-lines.js';

/**
 * A faster stand-in for Ink 6's `Output` (ink/build/output.js), the step that turns the laid-out
 * tree's writes into the frame's text. Ink's own `get()` builds one object per terminal cell every
 * frame, tokenizes every written line afresh, measures every character with string-width and joins
 * the cells back with a style diff per cell: about 2 µs per cell, 7-11 ms for an empty 200x60 frame
 * and two thirds of a dashboard frame. This one keeps Ink's cell model (so overlapping writes, wide
 * characters and clipping come out the same) but row by row, as two flat arrays (a character and a
 * style number per cell); it keeps each written line's cells and the codes between styles from frame
 * to frame (StyledLines), and reuses a row's text when the same lines land at the same columns as in
 * the last frame (most rows of a dashboard frame). Its text is byte for byte Ink's:
 * test/ui/fast-output.test.tsx compares both on real dashboard frames.
 *
 * A frame it does not model (fractional or negative size) or an error goes to Ink's own `get()`.
 */

export type {InkHelpers} from './styled-lines.js';

type Transformer = (line: string, index: number) => string;
interface Clip {
	readonly x1: number | undefined;
	readonly x2: number | undefined;
	readonly y1: number | undefined;
	readonly y2: number | undefined;
}
type Operation = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

/** The fields of Ink's Output that its `get()` reads. */
interface OutputState {
	readonly width: number;
	readonly height: number;
	readonly operations: readonly Operation[];
}

/** Ink's Output, as much of it as memsim relies on. */
export interface InkOutputLike {
	width: number;
	height: number;
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): {output: string; height: number};
}
export type InkOutputClass = new (options: {width: number; height: number}) => InkOutputLike;

/** Frames drawn by each path, for tests and benchmarks. */
export interface FastOutputStats {
	fast: number;
	fallback: number;
}

/** The counts of the Output Ink is drawing with in this process; undefined when it is Ink's own. */
export function fastOutputStats(): FastOutputStats | undefined {
	return (globalThis as Record<symbol, FastOutputStats | undefined>)[Symbol.for('memsim.fastOutput')];
}

/** Cells written past a row's last column: Ink lengthens that row, and skips the columns never written. */
interface Overflow {
	readonly values: Array<string | undefined>;
	readonly styles: number[];
}

/** A row's placements this frame, in order: column, then the line placed there. */
type Placements = Array<number | StyledLine>;

function samePlacements(a: Placements | undefined, b: Placements): boolean {
	if (a === undefined || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Ink's Output with our `get()`; its constructor, `write`, `clip` and `unclip` record operations as before. */
export function createFastOutput(InkOutput: InkOutputClass, ink: InkHelpers): {Output: InkOutputClass; stats: FastOutputStats} {
	const stats: FastOutputStats = {fast: 0, fallback: 0};
	const styled = new StyledLines(ink);
	const splits = new Map<string, readonly string[]>();
	// The row being joined, reused: a `get()` runs to completion before the next one starts.
	let cellValues: string[] = [];
	let cellStyles = new Int32Array(0);
	let overflow: Overflow | undefined;
	// Last frame's rows: a row whose placements are the same lines at the same columns is the same text.
	let previous: {width: number; height: number; placements: Placements[]; rows: string[]} | undefined;

	/** `text.split('\n')`, kept for multi-line texts Ink writes every frame (a `<Transform>`'s block). */
	function splitLines(text: string): readonly string[] {
		if (!text.includes('\n')) return [text];
		let lines = splits.get(text);
		if (lines === undefined) {
			if (splits.size >= 256) splits.clear();
			lines = text.split('\n');
			splits.set(text, lines);
		}
		return lines;
	}

	function textWidth(text: string): number {
		let width = 0;
		for (const line of splitLines(text)) width = Math.max(width, ink.stringWidth(line));
		return width;
	}

	/** Ink's placement of one line's cells from column x of the row, with a fast path for the usual line that fits. */
	function place(line: StyledLine, x: number, width: number): void {
		const {values, styles, widths} = line;
		if (x >= 0 && x + line.columns <= width && Number.isInteger(x)) {
			let cell = x;
			for (let i = 0; i < values.length; i++) {
				cellValues[cell] = values[i]!;
				cellStyles[cell] = styles[i]!;
				const columns = widths === undefined ? 1 : widths[i]!;
				// A wide character's other columns hold an empty cell in its style, as in Ink.
				for (let extra = 1; extra < columns; extra++) {
					cellValues[cell + extra] = '';
					cellStyles[cell + extra] = styles[i]!;
				}
				cell += columns;
			}
			return;
		}
		// Ink sets `row[column]`: a fractional or negative column is no array index and is never drawn.
		if (!Number.isInteger(x)) return;
		let column = x;
		for (let i = 0; i < values.length; i++) {
			const columns = widths === undefined ? 1 : widths[i]!;
			for (let extra = 0; extra < columns; extra++) setCell(column + extra, width, extra === 0 ? values[i]! : '', styles[i]!);
			column += columns;
		}
	}

	function setCell(column: number, width: number, value: string, style: number): void {
		if (column < 0) return;
		if (column < width) {
			cellValues[column] = value;
			cellStyles[column] = style;
			return;
		}
		overflow ??= {values: [], styles: []};
		overflow.values[column - width] = value;
		overflow.styles[column - width] = style;
	}

	/** Ink's `get()`, row by row; undefined for a size that Ink's rows do not model as a grid. */
	function draw(state: OutputState): {output: string; height: number} | undefined {
		const {width, height} = state;
		if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) return undefined;
		if (styled.trim()) previous = undefined;
		const placements = Array.from({length: height}, (): Placements => []);
		const clips: Clip[] = [];
		for (const operation of state.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			if (operation.type === 'unclip') clips.pop();
			if (operation.type !== 'write') continue;
			let {x, y} = operation;
			let texts = splitLines(operation.text);
			const clip = clips.at(-1);
			if (clip) {
				// Exactly Ink's clipping, with Ink's own sliceAnsi.
				const {x1, x2, y1, y2} = clip;
				const clipX = typeof x1 === 'number' && typeof x2 === 'number';
				const clipY = typeof y1 === 'number' && typeof y2 === 'number';
				if (clipX && (x + textWidth(operation.text) < x1 || x > x2)) continue;
				if (clipY && (y + texts.length < y1 || y > y2)) continue;
				if (clipX) {
					texts = texts.map(text => {
						const columns = ink.stringWidth(text);
						return ink.sliceAnsi(text, x < x1 ? x1 - x : 0, x + columns > x2 ? x2 - x : columns);
					});
					if (x < x1) x = x1;
				}
				if (clipY) {
					texts = texts.slice(y < y1 ? y1 - y : 0, y + texts.length > y2 ? y2 - y : texts.length);
					if (y < y1) y = y1;
				}
			}
			let offsetY = 0;
			for (let index = 0; index < texts.length; index++) {
				const row = y + offsetY;
				// Ink skips a line whose row does not exist (and stays on that row for the next).
				if (!Number.isInteger(row) || row < 0 || row >= height) continue;
				let text = texts[index]!;
				for (const transformer of operation.transformers) text = transformer(text, index);
				const line = styled.line(text);
				if (line.columns > 0) placements[row]!.push(x, line);
				offsetY++;
			}
		}
		const last = previous?.width === width && previous.height === height ? previous : undefined;
		const rows = new Array<string>(height);
		for (let row = 0; row < height; row++) {
			rows[row] = last !== undefined && samePlacements(last.placements[row], placements[row]!) ? last.rows[row]! : drawRow(placements[row]!, width);
		}
		previous = {width, height, placements, rows};
		return {output: rows.join('\n'), height};
	}

	/** One row: blank cells, the placements in order, then Ink's `styledCharsToString(row).trimEnd()`. */
	function drawRow(placed: Placements, width: number): string {
		if (placed.length === 0) return '';
		if (cellStyles.length < width) {
			cellValues = Array.from({length: width}, () => ' ');
			cellStyles = new Int32Array(width);
		}
		cellValues.fill(' ', 0, width);
		cellStyles.fill(0, 0, width);
		overflow = undefined;
		for (let i = 0; i < placed.length; i += 2) place(placed[i + 1] as StyledLine, placed[i] as number, width);
		let text = '';
		let style = 0;
		for (let cell = 0; cell < width; cell++) {
			const next = cellStyles[cell]!;
			if (next !== style) {
				text += styled.transition(style, next);
				style = next;
			}
			text += cellValues[cell]!;
		}
		// Cells past the row's end, in column order; columns never written are skipped, as Ink's filter does.
		const spilled = overflow as Overflow | undefined;
		spilled?.values.forEach((value, column) => {
			const next = spilled.styles[column]!;
			if (next !== style) text += styled.transition(style, next);
			style = next;
			text += value!;
		});
		if (style !== 0) text += styled.transition(style, 0);
		return text.trimEnd();
	}

	class FastOutput extends InkOutput {
		override get(): {output: string; height: number} {
			let frame: {output: string; height: number} | undefined;
			try {
				frame = draw(this as unknown as OutputState);
			} catch {
				frame = undefined;
			}
			if (frame === undefined) {
				stats.fallback++;
				return super.get();
			}
			stats.fast++;
			return frame;
		}
	}
	return {Output: FastOutput, stats};
}
