import type {EventBatch} from '../engine/events.js';
import type {Interner} from '../engine/interner.js';
import type {WorkloadSource} from '../engine/workload-source.js';
import type {LineReader} from '../io/line-reader.js';

/**
 * One trace format's grammar: turns one line into at most one event. Every format fits that rule
 * (valgrind's two-line `realloc(p,0)` ends on a line that carries no event), which lets the source
 * below fill a batch to the brim without a carry-over queue.
 */
export interface LineParser {
	parseLine(text: string, start: number, end: number, line: number, batch: EventBatch): void;
	/** Called once after the last line; `lastLine` is its number (0 for an empty file). May throw a FILE:LINE error. */
	finish(lastLine: number): void;
}

/** What a trace itself says was still allocated when the program exited (valgrind's HEAP SUMMARY). */
export interface HeapInUse {
	bytes: number;
	blocks: number;
}

/** A `WorkloadSource` that pulls lines from a reader through a format's parser, a batch at a time. */
export class TraceSource implements WorkloadSource {
	private ended = false;

	constructor(
		readonly name: string,
		readonly hasGraph: boolean,
		readonly sites: Interner,
		readonly owners: Interner,
		private readonly reader: LineReader,
		private readonly parser: LineParser,
	) {}

	async read(batch: EventBatch): Promise<number> {
		const before = batch.length;
		const {reader, parser} = this;
		try {
			while (batch.length < batch.capacity && !this.ended) {
				// `fill` is awaited once per chunk; every other line is a synchronous step.
				if (!reader.next() && !(await reader.fill())) {
					this.ended = true;
					await reader.close();
					parser.finish(reader.line);
					break;
				}
				parser.parseLine(reader.text, reader.start, reader.end, reader.line, batch);
			}
		} catch (error) {
			this.ended = true;
			await reader.close();
			throw error;
		}
		return batch.length - before;
	}

	/** True once the last line has been read (and the format's end-of-file checks have passed). */
	get done(): boolean {
		return this.ended;
	}

	/**
	 * The live bytes and blocks the trace's own tool counted at exit, for checking a replay against
	 * it: known once the trace has been read to its end, and only for formats that record it.
	 */
	get expectedInUse(): HeapInUse | undefined {
		return undefined;
	}

	async close(): Promise<void> {
		this.ended = true;
		await this.reader.close();
	}
}

/** The base name shown for a trace: `traces/ls.vg.log.gz` -> `ls.vg.log.gz`. */
export function traceName(file: string): string {
	const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
	return file.slice(slash + 1);
}
