/**
 * Sparklines as text. Braille: each character holds two samples side by side and four dot rows per
 * text row, so a graph of `width` characters and `height` rows shows 2·width samples at 4·height
 * levels. Blocks: one sample per character at eight levels, for short series of discrete values.
 */
const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Dot bits of a braille cell, bottom row first: left column, then right column. */
const leftDots = [0x40, 0x04, 0x02, 0x01];
const rightDots = [0x80, 0x20, 0x10, 0x08];

export interface Range {
	readonly min?: number;
	readonly max?: number;
	/** With an automatic maximum: never scale below this (a flat 0.5% stays low). */
	readonly maxAtLeast?: number;
}

function scale(values: readonly number[], range: Range): {min: number; span: number} {
	let min = range.min ?? Number.POSITIVE_INFINITY;
	let max = range.max ?? Number.NEGATIVE_INFINITY;
	if (range.min === undefined) for (const v of values) if (v < min) min = v;
	if (range.max === undefined) for (const v of values) if (v > max) max = v;
	if (!Number.isFinite(min)) min = 0;
	if (!Number.isFinite(max)) max = min;
	if (range.maxAtLeast !== undefined && max < range.maxAtLeast) max = range.maxAtLeast;
	return {min, span: max - min};
}

/** Dots lit (0..levels) for a value: any value above the minimum lights at least one. */
function level(value: number, min: number, span: number, levels: number): number {
	if (span <= 0) return value > min ? levels : value > 0 ? 1 : 0;
	const f = (value - min) / span;
	if (f <= 0) return 0;
	return Math.max(1, Math.min(levels, Math.round(f * levels)));
}

/** The newest 2·width samples as `height` rows of braille bars (top row first), right-aligned. */
export function brailleSparkline(values: readonly number[], width: number, height: number, range: Range = {}): string[] {
	const samples = values.slice(Math.max(0, values.length - width * 2));
	const {min, span} = scale(samples, range);
	const levels = height * 4;
	const rows: string[] = [];
	const pad = width * 2 - samples.length;
	for (let row = 0; row < height; row++) {
		const base = (height - 1 - row) * 4;
		let line = '';
		for (let c = 0; c < width; c++) {
			let bits = 0;
			for (let side = 0; side < 2; side++) {
				const i = c * 2 + side - pad;
				if (i < 0) continue;
				const lit = level(samples[i]!, min, span, levels) - base;
				const dots = side === 0 ? leftDots : rightDots;
				for (let d = 0; d < Math.min(4, lit); d++) bits |= dots[d]!;
			}
			line += String.fromCharCode(0x2800 + bits);
		}
		rows.push(line);
	}
	return rows;
}

/** The newest `width` samples as one row of block characters; a zero is a space. */
export function blockSparkline(values: readonly number[], width: number, range: Range = {}): string {
	const samples = values.slice(Math.max(0, values.length - width));
	const {min, span} = scale(samples, {...range, min: range.min ?? 0});
	let line = '';
	for (const v of samples) {
		const lit = level(v, min, span, 8);
		line += lit === 0 ? ' ' : blocks[lit - 1]!;
	}
	return line.padStart(width, ' ');
}
