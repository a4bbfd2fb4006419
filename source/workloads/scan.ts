/**
 * Hand-rolled scanning of trace-line fields over char codes. Trace parsing is the hot loop of a
 * replay (millions of lines), and a scan of a few bytes costs far less than a regex match or a
 * `split` that allocates an array and a string per field.
 */
import {Op, type OpCode} from '../engine/events.js';

const space = 32;
const tab = 9;
const zero = 48;
const nine = 57;

/** Largest integer a Float64Array column holds exactly. */
const maxExact = Number.MAX_SAFE_INTEGER;

export function isBlank(code: number): boolean {
	return code === space || code === tab;
}

/** Index of the first non-blank at or after `i` (or `end`). */
export function skipBlanks(text: string, i: number, end: number): number {
	while (i < end && isBlank(text.charCodeAt(i))) i++;
	return i;
}

/** Index just past the field starting at `i`: the next blank or `end`. */
export function fieldEnd(text: string, i: number, end: number): number {
	while (i < end && !isBlank(text.charCodeAt(i))) i++;
	return i;
}

/**
 * The non-negative decimal integer spelled by exactly text[start, end), or -1 when it is not one
 * (empty, a sign, another character, or too large to keep exactly in a Float64Array).
 */
export function parseUint(text: string, start: number, end: number): number {
	if (start >= end) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const digit = text.charCodeAt(i) - zero;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value <= maxExact ? value : -1;
}

/**
 * A decimal integer that may carry thousands separators (valgrind prints `21,791 bytes`); -1 when
 * text[start, end) is not one.
 */
export function parseGroupedUint(text: string, start: number, end: number): number {
	if (start >= end) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code === 44 /* , */) continue;
		if (code < zero || code > nine) return -1;
		value = value * 10 + (code - zero);
	}
	return value;
}

/** The hexadecimal number after a `0x` at text[start, end), or -1. User-space addresses fit in 53 bits. */
export function parseHex(text: string, start: number, end: number): number {
	if (end - start < 3 || text.charCodeAt(start) !== zero || (text.charCodeAt(start + 1) | 32) !== 120 /* x */) return -1;
	let value = 0;
	for (let i = start + 2; i < end; i++) {
		const code = text.charCodeAt(i);
		let digit: number;
		if (code >= zero && code <= nine) digit = code - zero;
		else if ((code | 32) >= 97 && (code | 32) <= 102) digit = (code | 32) - 87;
		else return -1;
		value = value * 16 + digit;
	}
	return value <= maxExact ? value : -1;
}

/**
 * Index of the first `code` in text[start, end), or -1. Unlike `indexOf`, it never looks past the
 * line: a search that misses would otherwise scan the rest of a megabyte chunk on every line.
 */
export function indexWithin(text: string, code: number, start: number, end: number): number {
	for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return i;
	return -1;
}

/**
 * text[start, start + name.length) equals `name`. A loop V8 inlines: `startsWith` is a call into the
 * runtime that cost more than the rest of the line when several names were tried per line.
 */
export function sameChars(text: string, start: number, name: string): boolean {
	for (let i = 0; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
	return true;
}

/** True when text[start, end) equals `word`, without slicing. */
export function fieldIs(text: string, start: number, end: number, word: string): boolean {
	return end - start === word.length && text.startsWith(word, start);
}

/** The field for an error message, shortened so a binary file does not flood the terminal. */
export function quoteField(text: string, start: number, end: number): string {
	const field = text.slice(start, Math.min(end, start + 40));
	return `'${field}${end - start > 40 ? '…' : ''}'`;
}

/**
 * The usual start of a malloc-lab or memtrace line, `a 12 4096`, `r 12 8192` or `f 12`, single spaces,
 * read in one pass with nothing called: most of a large trace is these lines. `read` is false for
 * anything else (another word, extra blanks, a field that is not digits, more than 15 digits, where a
 * Float64Array column could stop being exact), and the parser's careful path takes the line. One
 * instance per parser, reused for every line.
 */
export class AllocationHead {
	op: OpCode = Op.alloc;
	id = 0;
	/** 0 for a free. */
	size = 0;
	/** Where the head ends: the line's end, or the blank before whatever follows. */
	stop = 0;

	read(text: string, start: number, end: number): boolean {
		if (end - start < 3 || text.charCodeAt(start + 1) !== space) return false;
		const letter = text.charCodeAt(start);
		const op = letter === 97 /* a */ ? Op.alloc : letter === 102 /* f */ ? Op.free : letter === 114 /* r */ ? Op.realloc : 0;
		if (op === 0) return false;
		let i = start + 2;
		let id = 0;
		for (; i < end; i++) {
			const digit = text.charCodeAt(i) - zero;
			if (digit < 0 || digit > 9) break;
			id = id * 10 + digit;
		}
		if (i === start + 2 || i - start - 2 > 15) return false;
		let size = 0;
		if (op !== Op.free) {
			if (i === end || text.charCodeAt(i) !== space) return false;
			const sizeStart = ++i;
			for (; i < end; i++) {
				const digit = text.charCodeAt(i) - zero;
				if (digit < 0 || digit > 9) break;
				size = size * 10 + digit;
			}
			if (i === sizeStart || i - sizeStart > 15) return false;
		}
		this.op = op;
		this.id = id;
		this.size = size;
		this.stop = i;
		return true;
	}
}
