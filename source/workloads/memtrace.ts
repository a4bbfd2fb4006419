import {Op, noName, type EventBatch, type OpCode} from '../engine/events.js';
import {Interner} from '../engine/interner.js';
import {fileLineError} from '../commands/input-error.js';
import {LineReader} from '../io/line-reader.js';
import {TraceSource, traceName, type LineParser} from './trace-source.js';
import {AllocationHead, fieldEnd, fieldIs, isBlank, parseUint, quoteField, sameChars, skipBlanks} from './scan.js';

/**
 * memtrace, memsim's own text format: an optional `memtrace 1` first line, then one event a line.
 *
 *   a <id> <size> [site=<name>] [owner=<name>]    f <id>    r <id> <size>
 *   ref <from> <to>   unref <from> <to>   root <id>   unroot <id>   touch <id>
 *   tick <n>          task <owner> start|end
 *
 * `#` starts a comment (a whole line, or a field starting with `#` after an event); blank lines are skipped.
 */
export const memtraceVersion = 1;

const usage: Record<string, string> = {
	a: 'a <id> <size> [site=<name>] [owner=<name>]',
	f: 'f <id>',
	r: 'r <id> <size>',
	ref: 'ref <from> <to>',
	unref: 'unref <from> <to>',
	root: 'root <id>',
	unroot: 'unroot <id>',
	touch: 'touch <id>',
	tick: 'tick <n>',
	task: 'task <owner> start|end',
};

const hash = 35;

export class MemtraceParser implements LineParser {
	private sawEvent = false;
	// The line being parsed and the current field in it: a cursor kept on the parser so the helpers
	// below can step through fields without returning pairs of indices.
	private text = '';
	private end = 0;
	private line = 0;
	private op = '';
	private fieldStart = 0;
	private fieldStop = 0;

	private readonly head = new AllocationHead();
	private readonly siteNames: RecentName;
	private readonly ownerNames: RecentName;

	constructor(
		private readonly file: string,
		sites: Interner,
		owners: Interner,
	) {
		this.siteNames = new RecentName(sites);
		this.ownerNames = new RecentName(owners);
	}

	parseLine(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		if (this.parseWellFormed(text, start, end, line, batch)) return;
		this.parseCarefully(text, start, end, line, batch);
	}

	/**
	 * The usual line, `a 12 4096 site=parse owner=job`, `r 12 8192` or `f 12` with single spaces, scanned
	 * in one pass: most of a large trace is these. Anything else (comments, graph events, extra blanks,
	 * a malformed field) returns false having changed nothing, and the careful path parses it or names the fault.
	 */
	private parseWellFormed(text: string, start: number, end: number, line: number, batch: EventBatch): boolean {
		const head = this.head;
		if (!head.read(text, start, end)) return false;
		let i = head.stop;
		let site = noName;
		let owner = noName;
		if (head.op !== Op.free) {
			if (i < end && i + 6 < end && text.charCodeAt(i) === 32 && sameChars(text, i + 1, 'site=')) {
				site = this.siteNames.field(text, i + 6, end);
				if (site < 0) return false;
				i = this.siteNames.fieldEnd;
			}
			if (i < end && i + 7 < end && text.charCodeAt(i) === 32 && sameChars(text, i + 1, 'owner=')) {
				owner = this.ownerNames.field(text, i + 7, end);
				if (owner < 0) return false;
				i = this.ownerNames.fieldEnd;
			}
		}
		if (i !== end) return false;
		this.sawEvent = true;
		batch.push(head.op, head.id, head.size, site, owner, line);
		return true;
	}

	private parseCarefully(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		const first = skipBlanks(text, start, end);
		if (first === end || text.charCodeAt(first) === hash) return;
		this.text = text;
		this.end = end;
		this.line = line;
		this.fieldStart = first;
		this.fieldStop = fieldEnd(text, first, end);
		// One-letter events are most of any trace: compare the char code instead of slicing a string.
		if (this.fieldStop - first === 1) {
			const letter = text.charCodeAt(first);
			if (letter === 97 /* a */) return this.alloc(Op.alloc, 'a', batch);
			if (letter === 102 /* f */) return this.idEvent(Op.free, 'f', batch);
			if (letter === 114 /* r */) return this.alloc(Op.realloc, 'r', batch);
		}
		// The longer words are told apart without slicing too: a slice and a string switch per line
		// were a quarter of the parse time.
		const stop = this.fieldStop;
		if (fieldIs(text, first, stop, 'ref')) return this.pairEvent(Op.ref, 'ref', batch);
		if (fieldIs(text, first, stop, 'touch')) return this.idEvent(Op.touch, 'touch', batch);
		if (fieldIs(text, first, stop, 'tick')) return this.tick(batch);
		if (fieldIs(text, first, stop, 'unref')) return this.pairEvent(Op.unref, 'unref', batch);
		if (fieldIs(text, first, stop, 'root')) return this.idEvent(Op.root, 'root', batch);
		if (fieldIs(text, first, stop, 'unroot')) return this.idEvent(Op.unroot, 'unroot', batch);
		if (fieldIs(text, first, stop, 'task')) return this.task(batch);
		if (fieldIs(text, first, stop, 'memtrace')) return this.header();
		throw this.error(
			`unknown event ${quoteField(text, first, this.fieldStop)} (expected a, f, r, ref, unref, root, unroot, touch, tick or task)`,
		);
	}

	finish(): void {}

	private alloc(op: OpCode, name: string, batch: EventBatch): void {
		this.op = name;
		const id = this.uint('id');
		const size = this.uint('size');
		let site = noName;
		let owner = noName;
		while (this.nextField()) {
			const {text, fieldStart: start, fieldStop: stop} = this;
			if (site === noName && stop > start + 5 && sameChars(text, start, 'site=')) {
				site = this.siteNames.index(text, start + 5, stop);
			} else if (owner === noName && stop > start + 6 && sameChars(text, start, 'owner=')) {
				owner = this.ownerNames.index(text, start + 6, stop);
			} else {
				throw this.error(`unexpected ${quoteField(text, start, stop)}: expected site=<name> or owner=<name> (${usage[name]})`);
			}
		}
		this.sawEvent = true;
		batch.push(op, id, size, site, owner, this.line);
	}

	private idEvent(op: OpCode, name: string, batch: EventBatch): void {
		this.op = name;
		const id = this.uint('id');
		this.noMoreFields();
		batch.push(op, id, 0, noName, noName, this.line);
	}

	private pairEvent(op: OpCode, name: string, batch: EventBatch): void {
		this.op = name;
		const from = this.uint('from id');
		const to = this.uint('to id');
		this.noMoreFields();
		batch.push(op, from, to, noName, noName, this.line);
	}

	private tick(batch: EventBatch): void {
		this.op = 'tick';
		const n = this.uint('time');
		this.noMoreFields();
		batch.push(Op.tick, 0, n, noName, noName, this.line);
	}

	private task(batch: EventBatch): void {
		this.op = 'task';
		if (!this.nextField()) throw this.missing('owner');
		const owner = this.ownerNames.index(this.text, this.fieldStart, this.fieldStop);
		if (!this.nextField()) throw this.missing('start or end');
		let op: OpCode;
		if (fieldIs(this.text, this.fieldStart, this.fieldStop, 'start')) op = Op.taskStart;
		else if (fieldIs(this.text, this.fieldStart, this.fieldStop, 'end')) op = Op.taskEnd;
		else throw this.error(`expected start or end, found ${this.quoted()} (${usage.task})`);
		this.noMoreFields();
		batch.push(op, 0, 0, noName, owner, this.line);
	}

	private header(): void {
		this.op = 'memtrace';
		if (this.sawEvent) throw this.error(`the 'memtrace ${memtraceVersion}' header must come before the first event`);
		if (!this.nextField()) throw this.error(`the header needs a version: memtrace ${memtraceVersion}`);
		const version = parseUint(this.text, this.fieldStart, this.fieldStop);
		if (version !== memtraceVersion) {
			throw this.error(`unsupported memtrace version ${this.quoted()} (this memsim reads version ${memtraceVersion})`);
		}
		this.noMoreFields();
		this.sawEvent = true;
	}

	/** Moves to the next field; false at the end of the line or at a trailing `#` comment. */
	private nextField(): boolean {
		const start = skipBlanks(this.text, this.fieldStop, this.end);
		if (start === this.end || this.text.charCodeAt(start) === hash) return false;
		this.fieldStart = start;
		this.fieldStop = fieldEnd(this.text, start, this.end);
		return true;
	}

	/** The next field as a non-negative integer, read in the same pass that finds the field's end (the hot path: every event has one or two). */
	private uint(what: string): number {
		const {text, end} = this;
		const start = skipBlanks(text, this.fieldStop, end);
		if (start === end || text.charCodeAt(start) === hash) throw this.missing(what);
		let value = 0;
		let i = start;
		for (; i < end; i++) {
			const digit = text.charCodeAt(i) - 48;
			if (digit < 0 || digit > 9) break;
			value = value * 10 + digit;
		}
		this.fieldStart = start;
		this.fieldStop = i;
		if (i < end && !isBlank(text.charCodeAt(i))) this.fieldStop = fieldEnd(text, i, end);
		if (i === start || this.fieldStop !== i || value > Number.MAX_SAFE_INTEGER) {
			throw this.error(`${what} must be a non-negative integer, found ${this.quoted()}`);
		}
		return value;
	}

	private noMoreFields(): void {
		if (this.nextField()) throw this.error(`unexpected ${this.quoted()} after the event (${usage[this.op]})`);
	}

	private missing(what: string): Error {
		return this.error(`'${this.op}' is missing its ${what} (${usage[this.op]})`);
	}

	private quoted(): string {
		return quoteField(this.text, this.fieldStart, this.fieldStop);
	}

	private error(what: string): Error {
		return fileLineError(this.file, this.line, what);
	}
}

/**
 * Interns names read from a line, remembering the most recent few: traces cycle through a handful of
 * sites over long runs, and comparing in place is cheaper than slicing and hashing the name on every
 * line (a single remembered name missed on every line of a trace that alternates two sites; hashing
 * the characters first measured slower than these few comparisons, which mostly stop at the first character).
 */
class RecentName {
	private readonly recent: string[] = [];
	private readonly indexes: number[] = [];
	private next = 0;

	/** Where the name read by the last `field` call ends. */
	fieldEnd = 0;

	constructor(private readonly names: Interner) {}

	/**
	 * The name that starts at `start` and runs to the next blank or `end`, or -1 when it is empty. A
	 * remembered name is matched where it stands, so the usual line is scanned once, not once to find
	 * the name's end and again to compare it.
	 */
	field(text: string, start: number, end: number): number {
		const recent = this.recent;
		for (let i = 0; i < recent.length; i++) {
			const name = recent[i]!;
			const stop = start + name.length;
			if (stop > end || (stop < end && !isBlank(text.charCodeAt(stop))) || !sameChars(text, start, name)) continue;
			this.fieldEnd = stop;
			return this.indexes[i]!;
		}
		const stop = fieldEnd(text, start, end);
		if (stop === start) return -1;
		this.fieldEnd = stop;
		return this.index(text, start, stop);
	}

	index(text: string, start: number, stop: number): number {
		const length = stop - start;
		const recent = this.recent;
		for (let i = 0; i < recent.length; i++) {
			const name = recent[i]!;
			if (name.length === length && sameChars(text, start, name)) return this.indexes[i]!;
		}
		const name = text.slice(start, stop);
		const index = this.names.intern(name);
		// Replace round-robin: the list stays short enough that a miss costs little.
		if (recent.length < recentNames) {
			recent.push(name);
			this.indexes.push(index);
		} else {
			recent[this.next] = name;
			this.indexes[this.next] = index;
			this.next = (this.next + 1) % recentNames;
		}
		return index;
	}
}

const recentNames = 16;

/**
 * True when the file holds any `ref` or `root` event: one streaming pass before replay, because
 * `hasGraph` changes how the engine treats every block from the first event on, and buffering a
 * multi-gigabyte trace to look ahead is not an option. Stops at the first graph event.
 */
export async function memtraceHasGraph(file: string): Promise<boolean> {
	const reader = await LineReader.open(file);
	try {
		// Bytes, not text: Buffer's native search skips most of the chunk and nothing is decoded, so
		// this pass costs little more than reading the file.
		for (let bytes = await reader.nextBytes(); bytes !== undefined; bytes = await reader.nextBytes()) {
			if (hasEventWord(bytes, 'ref') || hasEventWord(bytes, 'root')) return true;
		}
		return false;
	} finally {
		await reader.close();
	}
}

/** True when `word` starts an event somewhere in `bytes`: first on its line (after blanks) and a whole field. */
function hasEventWord(bytes: Buffer, word: string): boolean {
	for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) {
		let before = at - 1;
		while (before >= 0 && isBlank(bytes[before]!)) before--;
		if (before >= 0 && bytes[before] !== 10 /* \n */) continue;
		const after = bytes[at + word.length]; // undefined past the end
		if (after === undefined || isBlank(after) || after === 10 || after === 13) return true;
	}
	return false;
}

/** Opens a memtrace file (plain or gzip) as a workload. */
export async function openMemtrace(file: string): Promise<TraceSource> {
	const hasGraph = await memtraceHasGraph(file);
	const reader = await LineReader.open(file);
	const sites = new Interner();
	const owners = new Interner();
	return new TraceSource(traceName(file), hasGraph, sites, owners, reader, new MemtraceParser(file, sites, owners));
}
