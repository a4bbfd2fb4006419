import {isAscii} from 'node:buffer';
import {open, type FileHandle} from 'node:fs/promises';
import {createGunzip} from 'node:zlib';
import {pipeline, type Readable} from 'node:stream';
import {InputError} from '../commands/input-error.js';

/** Bytes read per system call: large enough that the per-chunk cost (one await, one decode) is noise. */
const chunkBytes = 1 << 20;
const newline = 10;
const carriageReturn = 13;

/**
 * Reads a trace file one line at a time without ever holding the whole file: plain text or gzip,
 * told apart by the gzip magic bytes (1f 8b) rather than by the name, so a renamed `.gz` still reads.
 *
 * Lines are not handed out as strings: the current line is `text.slice(start, end)` (no newline,
 * no `\r`), so parsers scan char codes in place and allocate nothing for lines they only count.
 * Use: `while (reader.next() || await reader.fill()) { ...reader.line... }` — `fill` is awaited
 * once per chunk (about a megabyte), never once per line.
 */
export class LineReader {
	/** The chunk of whole lines being read (one flat string, about a megabyte); the current line lies in it. */
	text = '';
	start = 0;
	end = 0;
	/** 1-based number of the current line (0 before the first `next`). */
	line = 0;

	private pos = 0;
	/** Bytes after the last newline read so far: the start of a line that a later chunk ends. */
	private rest: Uint8Array[] = [];
	private ended = false;
	private readonly decoder = new TextDecoder('utf-8');

	/** `file` names the source in error messages; `bytes` yields its content chunk by chunk. */
	constructor(
		readonly file: string,
		private readonly bytes: ByteSource,
	) {}

	/** Opens `file` (as the user named it: it is the FILE of every error message). */
	static async open(file: string): Promise<LineReader> {
		const handle = await openHandle(file);
		const magic = new Uint8Array(2);
		let bytesRead: number;
		try {
			({bytesRead} = await handle.read(magic, 0, 2, 0));
		} catch (error) {
			await handle.close();
			throw describeOpenError(file, error);
		}
		if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) return gzipReader(file, handle);
		return plainReader(file, handle);
	}

	/** A reader over text already in memory (tests, and traces built by other tools in-process). */
	static fromText(name: string, text: string): LineReader {
		let given = false;
		const bytes = new TextEncoder().encode(text);
		return new LineReader(name, {
			next: async () => {
				if (given) return undefined;
				given = true;
				return bytes;
			},
			close: async () => {},
		});
	}

	/** Moves to the next line of the current chunk; false when the chunk is used up (then call `fill`). */
	next(): boolean {
		if (this.pos >= this.text.length) return false;
		const start = this.pos;
		let end = this.text.indexOf('\n', start);
		if (end === -1) end = this.text.length; // the last line of a file that does not end in a newline
		this.pos = end + 1;
		if (end > start && this.text.charCodeAt(end - 1) === carriageReturn) end--;
		this.start = start;
		this.end = end;
		this.line++;
		return true;
	}

	/**
	 * Loads the next chunk of whole lines and moves to its first line. False at the end of the file.
	 * Written so `reader.next() || await reader.fill()` steps through every line.
	 */
	async fill(): Promise<boolean> {
		for (;;) {
			const whole = await this.wholeLines();
			if (whole === undefined) return false;
			// Most traces are pure ASCII, which reads as one byte a character without UTF-8 decoding.
			this.text = isAscii(whole) ? Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).toString('latin1') : this.decoder.decode(whole);
			this.pos = 0;
			if (this.next()) return true;
		}
	}

	/**
	 * The next chunk of whole lines as bytes, undecoded, or undefined at the end: for pre-scans that
	 * look for an ASCII word (Buffer's native search). Do not mix with `next`/`fill` on the same reader.
	 */
	async nextBytes(): Promise<Buffer | undefined> {
		const whole = await this.wholeLines();
		return whole === undefined ? undefined : Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength);
	}

	/** The next run of bytes that ends at a line end (or at the end of the file); undefined when nothing is left. */
	private async wholeLines(): Promise<Uint8Array | undefined> {
		for (;;) {
			if (this.ended) return undefined;
			const bytes = await this.bytes.next();
			if (bytes === undefined) {
				this.ended = true;
				const whole = concat(this.rest);
				this.rest = [];
				return whole;
			}
			const cut = bytes.lastIndexOf(newline) + 1;
			if (cut === 0) {
				this.rest.push(bytes.slice());
				continue; // no line ends in this chunk (a very long line): keep reading
			}
			this.rest.push(bytes.subarray(0, cut));
			const whole = concat(this.rest);
			this.rest = cut < bytes.length ? [bytes.slice(cut)] : [];
			return whole;
		}
	}

	/**
	 * The next chunk of whole lines as one string, or undefined at the end: for scans that need no
	 * line numbers (a pre-scan for one word). Do not mix with `next`/`fill` on the same reader.
	 */
	async nextChunk(): Promise<string | undefined> {
		return (await this.fill()) ? this.text : undefined;
	}

	/** The current line as a string (for messages and tests; parsers scan `text` directly). */
	get current(): string {
		return this.text.slice(this.start, this.end);
	}

	async close(): Promise<void> {
		this.ended = true;
		await this.bytes.close();
	}
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	if (parts.length === 1) return parts[0]!;
	let length = 0;
	for (const part of parts) length += part.length;
	const joined = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		joined.set(part, at);
		at += part.length;
	}
	return joined;
}

async function openHandle(file: string): Promise<FileHandle> {
	try {
		return await open(file, 'r');
	} catch (error) {
		throw describeOpenError(file, error);
	}
}

function describeOpenError(file: string, error: unknown): Error {
	switch ((error as {code?: string}).code) {
		case 'ENOENT':
			return new InputError(`${file}: no such file`);
		case 'EISDIR':
			return new InputError(`${file}: is a directory, not a trace file`);
		case 'EACCES':
		case 'EPERM':
			return new InputError(`${file}: permission denied`);
		default:
			return error as Error;
	}
}

function plainReader(file: string, handle: FileHandle): LineReader {
	const buffer = new Uint8Array(chunkBytes);
	let closed = false;
	const nextBytes = async (): Promise<Uint8Array | undefined> => {
		if (closed) return undefined;
		let bytesRead: number;
		try {
			({bytesRead} = await handle.read(buffer, 0, chunkBytes, null));
		} catch (error) {
			throw describeOpenError(file, error);
		}
		// One buffer serves every read: the reader decodes it at once and copies only a partial last line.
		return bytesRead === 0 ? undefined : buffer.subarray(0, bytesRead);
	};
	const release = async (): Promise<void> => {
		if (closed) return;
		closed = true;
		await handle.close();
	};
	return new LineReader(file, {next: nextBytes, close: release});
}

function gzipReader(file: string, handle: FileHandle): LineReader {
	const raw = handle.createReadStream({start: 0, highWaterMark: chunkBytes, autoClose: true});
	const gunzip = createGunzip({chunkSize: 256 * 1024});
	// pipeline destroys both streams on the first error, so a corrupt file ends the iteration below.
	pipeline(raw, gunzip, () => {});
	const chunks = (gunzip as Readable)[Symbol.asyncIterator]();
	let closed = false;
	const nextBytes = async (): Promise<Uint8Array | undefined> => {
		if (closed) return undefined;
		try {
			const {value, done} = await chunks.next();
			return done ? undefined : (value as Uint8Array);
		} catch (error) {
			const reason = (error as Error).message;
			throw new InputError(`${file}: not a readable gzip file (${reason})`);
		}
	};
	const release = async (): Promise<void> => {
		if (closed) return;
		closed = true;
		gunzip.destroy();
		raw.destroy();
		// The read stream closes the handle itself (autoClose); wait for it so no descriptor leaks past close().
		if (!raw.closed) await new Promise<void>((resolve) => raw.once('close', () => resolve()));
	};
	return new LineReader(file, {next: nextBytes, close: release});
}

/** Where a LineReader's bytes come from: a file, a gunzip stream, or a test's string. */
export interface ByteSource {
	/** The next chunk, or undefined at the end. The chunk may be reused after the next call. */
	next(): Promise<Uint8Array | undefined>;
	close(): Promise<void>;
}
