import {createHash} from 'node:crypto';
import {closeSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync} from 'node:fs';
import {open, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {constants, createGunzip} from 'node:zlib';
import {InputError} from '../commands/input-error.js';

/**
 * The file side of recordings: a synchronous sink (so a line written is in the kernel before the
 * next event, and an `exit` handler can still finish the file), reading a session back through a
 * gunzip that tolerates a cut-off end, and the trace checks of replay. Every error names the file.
 */
export interface ByteSink {
	/** Write all bytes or throw (ENOSPC, EIO ...). */
	write(bytes: Uint8Array): void;
	close(): void;
}

/** Plain words for the errors a user can fix. */
export function describeFileError(file: string, error: unknown): string {
	const code = (error as {code?: string}).code;
	switch (code) {
		case 'ENOENT':
			return `${file}: no such file or directory`;
		case 'EACCES':
		case 'EPERM':
			return `${file}: permission denied`;
		case 'EISDIR':
			return `${file}: is a directory`;
		case 'ENOSPC':
			return `${file}: no space left on the device`;
		case 'EDQUOT':
			return `${file}: disk quota exceeded`;
		case 'EROFS':
			return `${file}: read-only file system`;
		default:
			return `${file}: ${(error as Error)?.message ?? String(error)}`;
	}
}

/** Create (or truncate) `file` for writing; an unwritable path is an InputError before anything runs. */
export function openSessionSink(file: string): ByteSink {
	let fd: number;
	try {
		fd = openSync(file, 'w');
	} catch (error) {
		throw new InputError(`cannot record to ${describeFileError(file, error)}`);
	}
	let closed = false;
	return {
		write(bytes) {
			let offset = 0;
			while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
		},
		close() {
			if (closed) return;
			closed = true;
			try {
				fsyncSync(fd);
			} catch {
				// Not every file supports fsync (/dev/full, pipes); the data is written either way.
			}
			closeSync(fd);
		},
	};
}

export interface DecompressedSession {
	readonly text: string;
	/** Why decompression stopped early (a corrupted member); undefined when it read to the end. */
	readonly error?: string;
	readonly compressedBytes: number;
}

/**
 * A session file's text. A truncated last gzip member yields what it holds (`finishFlush:
 * Z_SYNC_FLUSH` instead of "unexpected end of file"); corruption keeps what came before it.
 */
export async function readSessionText(file: string): Promise<DecompressedSession> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		throw new InputError(describeFileError(file, error));
	}
	if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
		throw new InputError(`${file}: not a memsim session (no gzip data at line 1; sessions are written by 'memsim run --record')`);
	}
	const gunzip = createGunzip({finishFlush: constants.Z_SYNC_FLUSH});
	const chunks: Buffer[] = [];
	gunzip.on('data', (chunk: Buffer) => chunks.push(chunk));
	const error = await new Promise<string | undefined>((resolve) => {
		gunzip.once('error', (problem) => resolve(problem.message));
		gunzip.once('end', () => resolve(undefined));
		gunzip.end(bytes);
	});
	return {text: Buffer.concat(chunks).toString('utf8'), error, compressedBytes: bytes.length};
}

/** Size and SHA-256 of a trace file, streamed. */
export async function fingerprintFile(file: string): Promise<{size: number; sha256: string}> {
	let handle;
	try {
		handle = await open(file, 'r');
	} catch (error) {
		throw new InputError(describeFileError(file, error));
	}
	const hash = createHash('sha256');
	let size = 0;
	try {
		for await (const chunk of handle.createReadStream({highWaterMark: 1 << 20})) {
			hash.update(chunk as Buffer);
			size += (chunk as Buffer).length;
		}
	} finally {
		await handle.close().catch(() => {});
	}
	return {size, sha256: hash.digest('hex')};
}

export async function readFileBase64(file: string): Promise<string> {
	try {
		return (await readFile(file)).toString('base64');
	} catch (error) {
		throw new InputError(describeFileError(file, error));
	}
}

/** An embedded trace written out under its recorded base name (the workload name replays unchanged); removed at exit. */
export function extractEmbeddedTrace(name: string, base64: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'memsim-trace-'));
	process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
	const file = join(dir, basename(name));
	writeFileSync(file, Buffer.from(base64, 'base64'));
	return file;
}

export function sha256Of(base64: string): string {
	return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

/** Write a report or a cast; errors are InputErrors naming the file. */
export function writeOutputFile(file: string, text: string): void {
	try {
		writeFileSync(file, text);
	} catch (error) {
		throw new InputError(`cannot write ${describeFileError(file, error)}`);
	}
}

export function fileExists(file: string): boolean {
	return existsSync(file);
}
