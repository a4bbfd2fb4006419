import {InputError} from '../engine/input-error.js';
import {readSessionText} from '../io/session-file.js';
import {counted} from '../format/units.js';
import {memsimVersion} from './version.js';
import {
	sessionFormatVersion,
	timelineTypes,
	type ChangeLine,
	type EndLine,
	type SessionHeader,
	type TimelineLine,
} from './format.js';

/** Where and why reading stopped early; everything before `line` is kept. */
export interface SessionProblem {
	/** 1-based line number where reading stopped (one past the last line for a file that just ends). */
	readonly line: number;
	readonly reason: string;
	/** `ended`: every line is whole but the end line is missing; `line`: this line is cut off or damaged. */
	readonly kind: 'ended' | 'line';
}

export interface Session {
	readonly file: string;
	readonly header: SessionHeader;
	/** Every complete timeline line, in file order (the `end` line included when present). */
	readonly timeline: readonly TimelineLine[];
	readonly end?: EndLine;
	readonly problem?: SessionProblem;
	/** The last event number a complete line names: how far a cut-off session got. */
	readonly lastEvent: number;
}

/** Read a session file; a bad header is an InputError, a bad later line a `problem` (what came before is kept). */
export async function readSession(file: string): Promise<Session> {
	const {text, error} = await readSessionText(file);
	return parseSession(file, text, error);
}

export function parseSession(file: string, text: string, gzipError?: string): Session {
	const lines = text.split('\n');
	// The text after the last newline is a line the writer never finished (or empty for a whole file).
	const partial = lines.pop() ?? '';
	const header = parseHeader(file, lines[0], partial);
	const timeline: TimelineLine[] = [];
	let problem: SessionProblem | undefined;
	let end: EndLine | undefined;
	let lastEvent = header.startEvent;
	for (let i = 1; i < lines.length && !problem; i++) {
		const number = i + 1;
		if (end) {
			problem = {line: number, kind: 'line', reason: 'lines after the end of the session (two sessions in one file?)'};
			break;
		}
		const parsed = parseTimelineLine(lines[i]!);
		if (typeof parsed === 'string') {
			problem = {line: number, kind: 'line', reason: parsed};
			break;
		}
		timeline.push(parsed);
		if (parsed.event > lastEvent) lastEvent = parsed.event;
		if (parsed.type === 'end') end = parsed;
	}
	if (!problem && !end) {
		const line = lines.length + 1;
		if (gzipError) problem = {line, kind: 'line', reason: `the compressed data is damaged here (${gzipError})`};
		else if (partial !== '') problem = {line, kind: 'line', reason: 'the line is cut off (the recording was killed, or its disk filled up)'};
		else problem = {line, kind: 'ended', reason: 'no end line (the recording was killed, or its disk filled up)'};
	}
	return {file, header, timeline, end, problem, lastEvent};
}

/** The warning replay, report and diff print for a session that stops early. */
export function describeProblem(session: Session): string | undefined {
	const {problem} = session;
	if (!problem) return undefined;
	const kept = problem.line - 1;
	const upTo = `up to event ${session.lastEvent.toLocaleString('en-US')}`;
	if (problem.kind === 'ended') {
		return `${session.file}: the session stops after line ${kept} with ${problem.reason}; using all ${kept} lines, ${upTo}`;
	}
	return `${session.file}:${problem.line}: reading stopped at line ${problem.line}: ${problem.reason}; using the ${counted(kept, 'complete line')} before it, ${upTo}`;
}

/** Changes replay applies, in order (not the `initial` ones already in the header's params). */
export function recordedChanges(session: Session): ChangeLine[] {
	return session.timeline.filter((line): line is ChangeLine => line.type === 'change' && !line.initial);
}

function parseHeader(file: string, first: string | undefined, partial: string): SessionHeader {
	const text = first ?? partial;
	const where = `${file}:1`;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		const reason = first === undefined ? 'the header line is cut off (the recording ended before it was written)' : 'the header is not JSON';
		throw new InputError(`${where}: not a readable memsim session: ${reason}`);
	}
	const header = value as Partial<SessionHeader>;
	if (!isObject(value) || header.type !== 'header' || typeof header.format !== 'number') {
		throw new InputError(`${where}: not a memsim session header (sessions are written by 'memsim run --record')`);
	}
	if (header.format > sessionFormatVersion) {
		throw new InputError(
			`${where}: session format ${header.format} (written by memsim ${String(header.memsim)}) is newer than this memsim ` +
				`(${memsimVersion}) reads (format ${sessionFormatVersion}); upgrade memsim to replay it`,
		);
	}
	if (!isObject(header.params) || !isObject(header.workload) || typeof header.snapshotEvery !== 'number') {
		throw new InputError(`${where}: the session header lacks its parameters or workload (corrupted)`);
	}
	return {...header, startEvent: typeof header.startEvent === 'number' ? header.startEvent : 0} as SessionHeader;
}

/** A timeline line, or why it is not one. */
function parseTimelineLine(text: string): TimelineLine | string {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return 'the line is not JSON (the file is corrupted)';
	}
	if (!isObject(value)) return 'the line is not a session entry (the file is corrupted)';
	const type = (value as {type?: unknown}).type;
	if (typeof type !== 'string') return 'the line has no entry type (the file is corrupted)';
	if (!timelineTypes.has(type)) return `unknown entry type '${type}' (written by a newer memsim?)`;
	const line = value as unknown as TimelineLine;
	if (typeof line.event !== 'number' || !Number.isFinite(line.event) || line.event < 0) return `a '${type}' entry without a valid event number`;
	if (line.type === 'change' && typeof line.key !== 'string') return "a 'change' entry without a key";
	if (line.type === 'end' && !isObject(line.summary)) return "an 'end' entry without its summary";
	return line;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
