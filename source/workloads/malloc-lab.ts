import {Op, noName, type EventBatch, type OpCode} from '../engine/events.js';
import {Interner} from '../engine/interner.js';
import {fileLineError} from '../commands/input-error.js';
import {LineReader} from '../io/line-reader.js';
import {TraceSource, traceName, type LineParser} from './trace-source.js';
import {AllocationHead, fieldEnd, parseUint, quoteField, skipBlanks} from './scan.js';

/**
 * CS:APP malloc-lab traces (`.rep`): a header of lines holding one integer each, then
 * `a <id> <bytes>`, `f <id>`, `r <id> <bytes>`, one a line.
 *
 * The 2002 handout's header has four lines (suggested heap size, number of ids, number of
 * operations, weight); later drivers read two (number of ids, number of operations). Rather than
 * trust the file name, the header is whatever leading lines are a lone integer, and its length says
 * which of the two it is. The operation count is checked against the body, as the original driver
 * relies on it to size its arrays: a trace that disagrees was cut or edited by hand.
 */
export class MallocLabParser implements LineParser {
	private readonly header: number[] = [];
	private readonly headerLines: number[] = [];
	/** The line holding the operation count, for messages that cite it. */
	private countLine = 0;
	private inHeader = true;
	/** Operations promised by the header, or -1 when the file has no header. */
	private expected = -1;
	private seen = 0;
	private line = 0;
	private readonly head = new AllocationHead();

	constructor(private readonly file: string) {}

	parseLine(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		if (!this.inHeader && this.parseWellFormed(text, start, end, line, batch)) return;
		this.parseCarefully(text, start, end, line, batch);
	}

	/**
	 * The body's usual line, read by the shared one-pass scan (this is the whole cost of reading a large
	 * trace). Anything else, or an operation past the header's count, returns false untouched and the
	 * careful path parses it or names the fault.
	 */
	private parseWellFormed(text: string, start: number, end: number, line: number, batch: EventBatch): boolean {
		const head = this.head;
		if (!head.read(text, start, end) || head.stop !== end || (this.expected >= 0 && this.seen >= this.expected)) return false;
		this.seen++;
		batch.push(head.op, head.id, head.size, noName, noName, line);
		return true;
	}

	private parseCarefully(text: string, start: number, end: number, line: number, batch: EventBatch): void {
		const first = skipBlanks(text, start, end);
		if (first === end) return;
		this.line = line;
		let stop = fieldEnd(text, first, end);
		if (this.inHeader) {
			const value = parseUint(text, first, stop);
			if (value >= 0 && skipBlanks(text, stop, end) === end) {
				this.header.push(value);
				this.headerLines.push(line);
				return;
			}
			this.endHeader();
		}

		const letter = stop - first === 1 ? text.charCodeAt(first) : 0;
		let op: OpCode;
		if (letter === 97 /* a */) op = Op.alloc;
		else if (letter === 102 /* f */) op = Op.free;
		else if (letter === 114 /* r */) op = Op.realloc;
		else throw this.error(`unknown operation ${quoteField(text, first, stop)} (expected a <id> <bytes>, f <id> or r <id> <bytes>)`);

		this.seen++;
		if (this.expected >= 0 && this.seen > this.expected) {
			throw this.error(`operation ${this.seen} is one more than the ${this.expected} the header promises (line ${this.countLine})`);
		}

		let at = skipBlanks(text, stop, end);
		stop = fieldEnd(text, at, end);
		const id = parseUint(text, at, stop);
		if (id < 0) throw this.error(at === end ? 'missing the id' : `id must be a non-negative integer, found ${quoteField(text, at, stop)}`);
		let size = 0;
		if (op !== Op.free) {
			at = skipBlanks(text, stop, end);
			stop = fieldEnd(text, at, end);
			size = parseUint(text, at, stop);
			if (size < 0) throw this.error(at === end ? 'missing the size in bytes' : `size must be a non-negative integer, found ${quoteField(text, at, stop)}`);
		}
		at = skipBlanks(text, stop, end);
		if (at !== end) throw this.error(`unexpected ${quoteField(text, at, fieldEnd(text, at, end))} after the operation`);
		batch.push(op, id, size, noName, noName, line);
	}

	finish(lastLine: number): void {
		this.line = lastLine;
		if (this.inHeader) this.endHeader();
		if (this.expected >= 0 && this.seen < this.expected) {
			throw this.error(`the header promises ${this.expected} operations (line ${this.countLine}) but the trace holds ${this.seen}`);
		}
	}

	private endHeader(): void {
		this.inHeader = false;
		const count = this.header.length;
		const countAt = count === 4 ? 2 : count === 2 ? 1 : -1;
		if (countAt >= 0) {
			this.expected = this.header[countAt]!;
			this.countLine = this.headerLines[countAt]!;
		} else if (count !== 0) {
			throw fileLineError(
				this.file,
				this.headerLines.at(-1)!,
				`a malloc-lab header has 4 integer lines (heap size, ids, operations, weight) or 2 (ids, operations), not ${count}`,
			);
		}
	}

	private error(what: string): Error {
		return fileLineError(this.file, this.line, what);
	}
}

/** Opens a malloc-lab trace (plain or gzip) as a workload. malloc-lab speaks of blocks only: no graph. */
export async function openMallocLab(file: string): Promise<TraceSource> {
	const reader = await LineReader.open(file);
	return new TraceSource(traceName(file), false, new Interner(), new Interner(), reader, new MallocLabParser(file));
}
