import {EventEmitter} from 'node:events';

/**
 * A terminal no one sees, for rendering the dashboard into a file: Ink writes each frame whole to
 * `stdout` (debug mode), and `stdin` is a TTY that never types (the dashboard's keys need raw mode).
 */
export class OffscreenStdout extends EventEmitter {
	readonly isTTY = true;
	/** The last frame Ink wrote. */
	frame = '';

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write = (data: string | Uint8Array): boolean => {
		this.frame = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		return true;
	};
}

export class OffscreenStdin extends EventEmitter {
	readonly isTTY = true;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	read = (): null => null;
}
