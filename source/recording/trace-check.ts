import {InputError} from '../engine/input-error.js';
import {extractEmbeddedTrace, fileExists, fingerprintFile, sha256Of} from '../io/session-file.js';
import type {Session} from './reader.js';

/**
 * The trace file a replay reads: `--trace NEWPATH` when given, else the embedded copy, else the
 * recorded path (as given, then as resolved when recording). A file that is gone or whose SHA-256
 * differs is an InputError naming the path and the expected hash, and pointing at `--trace`.
 */
export async function locateTrace(session: Session, override: string | undefined, notes: string[]): Promise<string> {
	const workload = session.header.workload;
	if (workload.kind !== 'trace') throw new Error('locateTrace: the session ran a generator');
	const expected = `SHA-256 ${workload.sha256}, ${workload.size} bytes`;
	if (override !== undefined) {
		const found = await fingerprintFile(override);
		if (found.sha256 !== workload.sha256) {
			notes.push(`--trace ${override}: not the recorded trace (${expected}; this one is ${found.sha256}): the replay runs a different workload`);
		}
		return override;
	}
	if (workload.embedded !== undefined) {
		if (sha256Of(workload.embedded) !== workload.sha256) {
			throw new InputError(`${session.file}:1: the embedded trace is damaged (expected ${expected}); point at the trace with --trace NEWPATH`);
		}
		return extractEmbeddedTrace(workload.path, workload.embedded);
	}
	const candidates = [workload.path, workload.absolutePath].filter((path, i, all) => all.indexOf(path) === i);
	const present = candidates.find((path) => fileExists(path));
	if (present === undefined) {
		throw new InputError(
			`the trace this session replays is gone: ${workload.path} (recorded as ${workload.absolutePath}, ${expected}); ` +
				`point at it with --trace NEWPATH`,
		);
	}
	const found = await fingerprintFile(present);
	if (found.sha256 !== workload.sha256) {
		throw new InputError(
			`the trace ${present} changed since it was recorded (expected ${expected}; it is now ${found.sha256}, ${found.size} bytes); ` +
				`point at the recorded trace with --trace NEWPATH`,
		);
	}
	return present;
}
