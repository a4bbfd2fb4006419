/**
 * An error in what the user gave us: a bad option, a malformed line, a missing file.
 * cli.tsx prints `message` alone on stderr and exits with status 2: never a stack trace.
 * Messages about a file line read `FILE:LINE: what is wrong`.
 */
export class InputError extends Error {
	readonly exitCode = 2;
	constructor(message: string) {
		super(message);
		this.name = 'InputError';
	}
}

export function fileLineError(file: string, line: number, what: string): InputError {
	return new InputError(`${file}:${line}: ${what}`);
}
