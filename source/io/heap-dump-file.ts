import {closeSync, openSync, writeSync} from 'node:fs';
import {InputError} from '../engine/input-error.js';

/**
 * `--dump FILE`: the final heap as JSON lines. The file is opened before the run so an unwritable path
 * is reported before any work is done, not after it.
 */
export class HeapDumpFile {
	private constructor(
		private readonly path: string,
		private readonly fd: number,
	) {}

	static open(path: string): HeapDumpFile {
		try {
			return new HeapDumpFile(path, openSync(path, 'w'));
		} catch (error) {
			throw new InputError(`--dump ${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
		}
	}

	write(lines: readonly string[]): void {
		try {
			for (let i = 0; i < lines.length; i += 4096) writeSync(this.fd, `${lines.slice(i, i + 4096).join('\n')}\n`);
		} catch (error) {
			throw new InputError(`--dump ${this.path}: write failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
		} finally {
			closeSync(this.fd);
		}
	}
}
