import {constants, gzipSync} from 'node:zlib';
import {InputError} from '../engine/input-error.js';
import {describeFileError, type ByteSink} from '../io/session-file.js';
import type {SessionLine} from './format.js';

/**
 * A recording could not be written (disk full, device error): reported the moment it happens. An
 * InputError, so the CLI prints the message alone (no stack trace) and exits 2.
 */
export class RecordingError extends InputError {
	constructor(message: string) {
		super(message);
		this.name = 'RecordingError';
	}
}

/** Longest time a written line waits in memory before it reaches the file. */
export const flushIntervalMs = 1000;

/**
 * Writes session lines as gzip-compressed JSON lines, crash-safe: lines collect in memory and
 * go out as one complete gzip member per flush (synchronously, so they are in the kernel before
 * the simulation takes another step). A flush happens at least once a second while lines arrive,
 * on `flush(true)` (every parameter change), and on close. A process killed between flushes
 * leaves a file that reads up to its last flush; one killed inside a write leaves a cut-off
 * member that the reader decodes up to its last whole line.
 */
export class SessionWriter {
	/** Lines that reached the file. */
	writtenLines = 0;
	/** Event number of the last line that reached the file. */
	writtenEvent = 0;
	private pending: string[] = [];
	private pendingEvent = 0;
	private lastFlush: number;
	private closed = false;
	private failed?: RecordingError;

	constructor(
		private readonly sink: ByteSink,
		readonly file: string,
		private readonly now: () => number,
	) {
		this.lastFlush = now();
	}

	get lineCount(): number {
		return this.writtenLines + this.pending.length;
	}

	/** Queue one line; `flushNow` (or a second since the last flush) writes everything queued. */
	write(line: SessionLine, flushNow = false): void {
		if (this.closed) return;
		this.pending.push(JSON.stringify(line));
		if ('event' in line) this.pendingEvent = line.event;
		if (flushNow || this.now() - this.lastFlush >= flushIntervalMs) this.flush();
	}

	/** Write what is queued as one gzip member. Throws a RecordingError if the file cannot take it. */
	flush(): void {
		if (this.failed) throw this.failed;
		this.lastFlush = this.now();
		if (this.pending.length === 0) return;
		const text = `${this.pending.join('\n')}\n`;
		const member = gzipSync(text, {level: 6, flush: constants.Z_NO_FLUSH});
		try {
			this.sink.write(member);
		} catch (error) {
			this.failed = new RecordingError(
				`recording stopped: ${describeFileError(this.file, error)}; ` +
					`the file keeps ${this.writtenLines} complete lines, up to event ${this.writtenEvent}`,
			);
			this.closed = true;
			try {
				this.sink.close();
			} catch {
				// Closing after a failed write can fail the same way; the first error is the one to report.
			}
			throw this.failed;
		}
		this.writtenLines += this.pending.length;
		this.writtenEvent = this.pendingEvent;
		this.pending = [];
	}

	/** Flush if a line has waited a second (the dashboard's idle timer calls this). */
	tick(): void {
		if (!this.closed && this.pending.length > 0 && this.now() - this.lastFlush >= flushIntervalMs) this.flush();
	}

	get isClosed(): boolean {
		return this.closed;
	}

	close(): void {
		if (this.closed) return;
		this.flush();
		this.closed = true;
		this.sink.close();
	}
}
