import type {HeapSlice} from '../store/snapshot.js';

/** What a character of the map shows: the state that matters most among the bytes it covers. */
export type CellTone = 'used' | 'leaked' | 'moved' | 'largest' | 'free';

/** A run of characters in one tone (a `Span` the pane paints). */
export interface Segment {
	readonly tone: CellTone;
	readonly text: string;
}

export interface HeapView {
	/** Rows of same-tone runs: few colour changes per line, which keeps drawing cheap. */
	readonly rows: readonly (readonly Segment[])[];
	/** Bytes one character stands for. */
	readonly bytesPerChar: number;
	readonly from: number;
	readonly to: number;
	readonly page: number;
	readonly pages: number;
}

const fill = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
export const glyphs = {free: '·', largest: '░', leakedPlain: '▓', movedPlain: '▒'} as const;

function nextPowerOfTwo(n: number): number {
	let p = 1;
	while (p < n) p *= 2;
	return p;
}

/** How much of the address space a grid of `chars` characters shows, and in how many pages. */
export function heapSpan(slice: HeapSlice, chars: number): {totalCells: number; spanCells: number; perChar: number; pages: number} {
	const cellBytes = slice.cellBytes;
	const totalCells = Math.max(1, Math.min(slice.cellCount, Math.ceil(slice.heapBytes / cellBytes)));
	const highCells = Math.ceil(Math.max(1, slice.highWater) / cellBytes);
	const spanCells = Math.min(totalCells, Math.max(chars, nextPowerOfTwo(highCells)));
	const perChar = Math.max(1, spanCells / chars);
	return {totalCells, spanCells, perChar, pages: Math.max(1, Math.ceil(totalCells / spanCells))};
}

/**
 * Lay the engine's per-cell sums out as a `width`×`height` grid. The view spans at least the part of
 * the heap ever used (the high-water mark, rounded up to a power of two) and at least one engine cell
 * per character, so a character never pretends to know more than the cells under it; arrows page
 * through the rest. Each character is shaded by how full its cells are (eighths, partial blocks) and
 * toned leaked > moved > used > largest free > free. Without colour, leaked and moved get their own
 * glyphs. Costs O(cells shown), whatever the number of blocks.
 */
export function heapView(slice: HeapSlice, width: number, height: number, color: boolean): HeapView {
	const chars = Math.max(1, width * height);
	const {totalCells, spanCells, perChar, pages} = heapSpan(slice, chars);
	const cellBytes = slice.cellBytes;
	const shown = Math.min(chars, Math.ceil(spanCells / perChar));
	const page = Math.min(slice.page, pages - 1);
	const firstCell = page * spanCells;
	const largest = slice.largestFree;
	const rows: Segment[][] = [];
	let row: Segment[] = [];
	let tone: CellTone | undefined;
	let text = '';
	for (let i = 0; i < shown; i++) {
		const a = firstCell + Math.floor(i * perChar);
		const b = Math.min(totalCells, firstCell + Math.max(Math.floor((i + 1) * perChar), Math.floor(i * perChar) + 1));
		let used = 0;
		let leaked = 0;
		let moved = 0;
		for (let c = a; c < b; c++) {
			used += slice.used[c]!;
			leaked += slice.leaked[c]!;
			moved += slice.moved[c]!;
		}
		const capacity = Math.max(1, (b - a) * cellBytes);
		const from = a * cellBytes;
		const to = b * cellBytes;
		let t: CellTone;
		let glyph: string;
		if (used > 0) {
			const level = Math.max(1, Math.min(8, Math.ceil((used / capacity) * 8)));
			glyph = fill[level - 1]!;
			t = leaked > 0 ? 'leaked' : moved > 0 ? 'moved' : 'used';
			if (!color && t === 'leaked') glyph = glyphs.leakedPlain;
			if (!color && t === 'moved') glyph = glyphs.movedPlain;
		} else if (b <= a) {
			t = 'free';
			glyph = ' ';
		} else if (largest && largest.addr < to && largest.addr + largest.size > from) {
			t = 'largest';
			glyph = glyphs.largest;
		} else {
			t = 'free';
			glyph = glyphs.free;
		}
		if (t !== tone && text) {
			row.push({tone: tone!, text});
			text = '';
		}
		tone = t;
		text += glyph;
		if ((i + 1) % width === 0 || i === shown - 1) {
			row.push({tone: t, text});
			rows.push(row);
			row = [];
			text = '';
			tone = undefined;
		}
	}
	return {
		rows,
		bytesPerChar: perChar * cellBytes,
		from: firstCell * cellBytes,
		to: Math.min(slice.heapBytes, (firstCell + spanCells) * cellBytes),
		page,
		pages,
	};
}
