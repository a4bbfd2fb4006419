import {Op, noName, type EventBatch} from '../engine/events.js';
import {Interner} from '../engine/interner.js';
import {LineReader} from '../io/line-reader.js';
import {TraceSource, traceName, type HeapInUse, type LineParser} from './trace-source.js';
import {indexWithin, parseGroupedUint, parseHex, parseUint, sameChars, skipBlanks} from './scan.js';
import {AddressTable} from './address-table.js';

type CallKind = 'alloc' | 'calloc' | 'realloc' | 'free' | 'other';
interface Call {
	kind: CallKind;
	/** The allocator family, used as the block's site: a malloc log has no call stacks, but new vs malloc vs calloc still tells things apart. */
	site: string;
}

/**
 * Names the preloaded allocator prints (valgrind 3.19's vg_replace_malloc.c, checked with `strings`
 * on vgpreload_memcheck): C functions print their own name, C++ operators their mangled one, with
 * nothrow, sized and aligned variants (`_ZdlPvm`, `_ZnwmSt11align_val_t`, ...).
 */
function classify(name: string): Call {
	if (name === 'malloc') return {kind: 'alloc', site: 'malloc'};
	if (name === 'free' || name === 'cfree') return {kind: 'free', site: ''};
	if (name === 'calloc') return {kind: 'calloc', site: 'calloc'};
	if (name === 'realloc') return {kind: 'realloc', site: 'realloc'};
	if (name.startsWith('_Znw') || name === '__builtin_new') return {kind: 'alloc', site: 'new'};
	if (name.startsWith('_Zna') || name === '__builtin_vec_new') return {kind: 'alloc', site: 'new[]'};
	if (name.startsWith('_Zd') || name === '__builtin_delete' || name === '__builtin_vec_delete') return {kind: 'free', site: ''};
	// posix_memalign, aligned_alloc and valloc print as memalign in 3.19; newer releases print their own names.
	if (name === 'memalign' || name === 'posix_memalign' || name === 'aligned_alloc' || name === 'valloc' || name === 'pvalloc') {
		return {kind: 'alloc', site: name};
	}
	return {kind: 'other', site: ''}; // malloc_usable_size and anything newer: no change to the heap
}

const mallocCall = classify('malloc');
const freeCall = classify('free');

const dash = 45;
const equals = 61;
const openParen = 40;
const commaCode = 44;
const closeParen = 41;

/**
 * Logs of `valgrind --trace-malloc=yes`: one `--PID-- call(args) = 0xADDR` line per allocator call,
 * mixed with valgrind's own `==PID==` messages and, when the log goes to stderr, the program's
 * output; every line that is not an allocator call is skipped.
 *
 * Blocks are known by address, and addresses are reused after a free and change on a moving
 * realloc, so each allocation gets a fresh synthetic id and the parser keeps address -> id: a
 * realloc becomes `r id size` on the block's lasting id, whatever address it moves to.
 */
export class ValgrindParser implements LineParser {
	/** Set from the HEAP SUMMARY's `in use at exit` line, when the log has one. */
	expectedInUse: HeapInUse | undefined;
	private readonly idByAddress = new AddressTable();
	private readonly calls = new Map<string, Call>();
	private nextId = 0;
	private lastSite = '';
	private lastSiteIndex = noName;

	constructor(private readonly sites: Interner) {}

	parseLine(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		const first = text.charCodeAt(start);
		if (first === dash) {
			if (!this.parseWellFormed(text, start, end, line, batch)) this.traceLine(text, start, end, line, batch);
		}
		else if (first === equals) this.summaryLine(text, start, end);
	}

	finish(): void {}

	/**
	 * Most of a log is `--PID-- malloc(N) = 0xADDR` and `--PID-- free(0xADDR)`: read in one pass with
	 * nothing called but the block bookkeeping. Any other line (time stamps, other calls, odd spacing)
	 * returns false untouched and goes the general way.
	 */
	private parseWellFormed(text: string, start: number, end: number, line: number, batch: EventBatch): boolean {
		if (text.charCodeAt(start + 1) !== dash) return false;
		let i = start + 2;
		while (i < end && isDigit(text.charCodeAt(i))) i++;
		if (i === start + 2 || text.charCodeAt(i) !== dash || text.charCodeAt(i + 1) !== dash || text.charCodeAt(i + 2) !== 32) return false;
		i += 3;
		const letter = text.charCodeAt(i);
		if (letter === 109 /* m */ && sameChars(text, i, 'malloc(')) {
			i += 7;
			const sizeStart = i;
			let size = 0;
			for (; i < end; i++) {
				const digit = text.charCodeAt(i) - 48;
				if (digit < 0 || digit > 9) break;
				size = size * 10 + digit;
			}
			if (i === sizeStart || i - sizeStart > 15 || !sameChars(text, i, ') = 0x')) return false;
			const address = parseHex(text, i + 4, end);
			if (address < 0) return false;
			this.alloc(size, 'malloc', address, line, batch);
			return true;
		}
		if (letter === 102 /* f */ && sameChars(text, i, 'free(0x') && text.charCodeAt(end - 1) === closeParen) {
			const address = parseHex(text, i + 5, end - 1);
			if (address < 0) return false;
			this.free(address, line, batch);
			return true;
		}
		return false;
	}

	private traceLine(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		const at = callStart(text, start, end);
		if (at < 0) return;
		let open = at;
		while (open < end && isNameChar(text.charCodeAt(open))) open++;
		if (open === at || text.charCodeAt(open) !== openParen) return; // ` = 0` after realloc(p,0), or a valgrind message
		const close = indexWithin(text, closeParen, open, end);
		if (close < 0) return; // cut short: nothing trustworthy to read
		// malloc and free are most lines: known without slicing the name out.
		const nameLength = open - at;
		const call =
			nameLength === 6 && sameChars(text, at, 'malloc')
				? mallocCall
				: nameLength === 4 && sameChars(text, at, 'free')
					? freeCall
					: this.call(text.slice(at, open));
		switch (call.kind) {
			case 'alloc':
				return this.alloc(sizeArgument(text, open + 1, close), call.site, resultAddress(text, close + 1, end), line, batch);
			case 'calloc': {
				const comma = argumentEnd(text, open + 1, close);
				const count = parseUint(text, skipBlanks(text, open + 1, comma), comma);
				const size = parseUint(text, skipBlanks(text, comma + 1, close), close);
				if (count < 0 || size < 0) return;
				return this.alloc(count * size, call.site, resultAddress(text, close + 1, end), line, batch);
			}
			case 'free':
				return this.free(parseHex(text, open + 1, argumentEnd(text, open + 1, close)), line, batch);
			case 'realloc':
				return this.realloc(text, open, close, end, line, batch);
			default:
		}
	}

	/** `realloc(p,n) = q`, or with the call it was turned into: `realloc(0x0,n)malloc(n) = q`, `realloc(p,0)free(p)`. */
	private realloc(text: string, open: number, close: number, end: number, line: number, batch: EventBatch): void {
		const comma = argumentEnd(text, open + 1, close);
		const old = parseHex(text, open + 1, comma);
		const size = parseUint(text, skipBlanks(text, comma + 1, close), close);
		if (old < 0 || size < 0) return;
		if (sameChars(text, close + 1, 'malloc(')) {
			const innerClose = indexWithin(text, closeParen, close + 1, end);
			if (innerClose < 0) return;
			return this.alloc(size, 'realloc', resultAddress(text, innerClose + 1, end), line, batch);
		}
		if (sameChars(text, close + 1, 'free(')) return this.free(old, line, batch);
		const moved = resultAddress(text, close + 1, end);
		if (moved < 0) return;
		if (moved === 0) {
			// NULL back: a failed realloc leaves the block as it was, except realloc(p, 0), which freed it.
			if (size === 0) this.free(old, line, batch);
			return;
		}
		const id = this.idByAddress.take(old);
		if (id < 0) return this.alloc(size, 'realloc', moved, line, batch);
		this.idByAddress.set(moved, id);
		batch.push(Op.realloc, id, size, noName, noName, line);
	}

	private alloc(size: number, site: string, address: number, line: number, batch: EventBatch): void {
		if (size < 0 || address <= 0) return; // unreadable, or NULL: the allocation failed and made no block
		const id = this.nextId++;
		this.idByAddress.set(address, id);
		if (site !== this.lastSite) {
			// Runs of the same allocator are the rule: intern only when it changes.
			this.lastSite = site;
			this.lastSiteIndex = this.sites.intern(site);
		}
		batch.push(Op.alloc, id, size, this.lastSiteIndex, noName, line);
	}

	private free(address: number, line: number, batch: EventBatch): void {
		const id = this.idByAddress.take(address);
		if (id < 0) {
			// free(NULL) is a no-op. Any other unknown address is an invalid free (valgrind reports it and
			// goes on): it reaches the engine under an id no allocation has, so it is counted, not lost.
			if (address > 0) batch.push(Op.free, this.nextId++, 0, noName, noName, line);
			return;
		}
		batch.push(Op.free, id, 0, noName, noName, line);
	}

	private summaryLine(text: string, start: number, end: number): void {
		const label = 'in use at exit:';
		const message = text.slice(start, end); // only `==PID==` lines get here, a few per log
		const at = message.indexOf(label);
		if (at < 0) return;
		const words = message.slice(at + label.length).trim().split(/\s+/);
		if (words.length < 5 || words[1] !== 'bytes' || words[2] !== 'in') return;
		const bytes = parseGroupedUint(words[0]!, 0, words[0]!.length);
		const blocks = parseGroupedUint(words[3]!, 0, words[3]!.length);
		if (bytes >= 0 && blocks >= 0) this.expectedInUse = {bytes, blocks};
	}

	private call(name: string): Call {
		let call = this.calls.get(name);
		if (call === undefined) {
			call = classify(name);
			this.calls.set(name, call);
		}
		return call;
	}
}

/** Index just past the `--PID-- ` prefix (`--00:00:00:01.234 PID-- ` with --time-stamp=yes), or -1. */
function callStart(text: string, start: number, end: number): number {
	if (text.charCodeAt(start + 1) !== dash) return -1;
	let i = start + 2;
	for (; i < end; i++) {
		const code = text.charCodeAt(i);
		// digits, ':' and '.' of a time stamp, and the space before the pid
		if (!((code >= 48 && code <= 58) || code === 46 || code === 32)) break;
	}
	if (i === start + 2 || text.charCodeAt(i) !== dash || text.charCodeAt(i + 1) !== dash || text.charCodeAt(i + 2) !== 32) return -1;
	return i + 3;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function isNameChar(code: number): boolean {
	return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** End of the first argument in (start, close): the comma after it, or `close`. */
function argumentEnd(text: string, start: number, close: number): number {
	const at = indexWithin(text, commaCode, start, close);
	return at < 0 ? close : at;
}

/**
 * The size of an allocating call: the `size N` argument where the call names it (`memalign(al 64,
 * size 200)`, `_ZnwmSt11align_val_t(size 128, al 64)`), otherwise the first argument (`malloc(16)`,
 * and the `(n,al)` spelling of aligned new in other valgrind releases).
 */
function sizeArgument(text: string, start: number, close: number): number {
	let named = start;
	while (named < close && !(text.charCodeAt(named) === 115 /* s */ && sameChars(text, named, 'size '))) named++;
	if (named < close) {
		const at = named + 5;
		let stop = at;
		while (stop < close && text.charCodeAt(stop) !== commaCode) stop++;
		return parseUint(text, at, stop);
	}
	const stop = argumentEnd(text, start, close);
	return parseUint(text, skipBlanks(text, start, stop), stop);
}

/** The address after ` = ` that follows a call's closing parenthesis, or -1 when there is none. */
function resultAddress(text: string, at: number, end: number): number {
	at = skipBlanks(text, at, end);
	if (text.charCodeAt(at) !== equals) return -1;
	at = skipBlanks(text, at + 1, end);
	let stop = at;
	while (stop < end && text.charCodeAt(stop) > 32) stop++;
	return parseHex(text, at, stop);
}

/** A valgrind log as a workload; `expectedInUse` is valgrind's own count, once the log has been read to its end. */
export class ValgrindSource extends TraceSource {
	constructor(
		name: string,
		sites: Interner,
		reader: LineReader,
		private readonly log: ValgrindParser,
	) {
		super(name, false, sites, new Interner(), reader, log);
	}

	override get expectedInUse(): HeapInUse | undefined {
		return this.done ? this.log.expectedInUse : undefined;
	}
}

/** Opens a `valgrind --trace-malloc=yes` log (plain or gzip). A malloc log has no object graph. */
export async function openValgrind(file: string): Promise<ValgrindSource> {
	const reader = await LineReader.open(file);
	const sites = new Interner();
	return new ValgrindSource(traceName(file), sites, reader, new ValgrindParser(sites));
}
