import {render} from 'ink';
import React from 'react';
import type {Session} from '../recording/reader.js';
import {advanceTo, openReplay, type ReplayOverrides} from '../recording/replay.js';
import {App} from '../ui/app.js';
import {ColorContext} from '../ui/components/color.js';
import {TerminalSize} from '../ui/hooks/terminal-size.js';
import {DashboardStore} from '../ui/store/dashboard-store.js';
import {eventAt, frameTimes, timeAt, timePoints} from './cast-timing.js';
import {OffscreenStdin, OffscreenStdout} from './offscreen-terminal.js';

/** The size a headless session (no terminal recorded) is drawn at: the full layout's smallest. */
export const defaultCastSize = {columns: 120, rows: 36} as const;

export interface CastOptions {
	readonly fps?: number;
	readonly maxFrames?: number;
	readonly color?: boolean;
	readonly overrides?: ReplayOverrides;
}

/**
 * An asciicast v2 recording (`asciinema play`) of the dashboard over a session, drawn off-screen at
 * the recorded terminal size and paced as the session was: the replay reaches each event at the
 * time the recording did. Parameter changes and alerts are markers (`asciinema play -m` pauses there).
 * The Host pane is empty: the machine's memory then is not in the session.
 */
export async function exportCast(session: Session, options: CastOptions = {}): Promise<string> {
	const {header} = session;
	const size = header.terminal ?? defaultCastSize;
	const points = timePoints(session);
	const totalMs = points[points.length - 1]!.at;
	const replay = await openReplay(session, options.overrides);
	const sim = replay.sim;
	let clock = 0;
	const store = new DashboardStore(sim, {now: () => clock, readHost: null});
	const stdout = new OffscreenStdout(size.columns, size.rows);
	const terminal = new TerminalSize(size);
	const instance = render(
		<ColorContext.Provider value={options.color ?? true}>
			<App store={store} terminal={terminal} quit={() => {}} badge={header.terminal ? '● REC' : undefined} />
		</ColorContext.Provider>,
		{stdout: stdout as unknown as NodeJS.WriteStream, stdin: new OffscreenStdin() as unknown as NodeJS.ReadStream, debug: true, patchConsole: false, exitOnCtrlC: false},
	);
	const workload = header.workload.kind === 'generator' ? header.workload.name : header.workload.path;
	const lines: string[] = [
		JSON.stringify({
			version: 2,
			width: size.columns,
			height: size.rows,
			timestamp: Math.floor(Date.parse(header.recordedAt) / 1000),
			title: `memsim ${workload} (${String(header.params.strategy)})`,
			env: {TERM: 'xterm-256color'},
		}),
		JSON.stringify([0, 'o', '\u001B[?25l\u001B[2J\u001B[H']),
	];
	const marks = session.timeline
		.flatMap((line) => (line.type === 'change' ? [{event: line.event, text: line.description}] : line.type === 'alert' ? [{event: line.event, text: `${line.alert.kind} leak at ${line.alert.site}`}] : []))
		.map((mark) => ({...mark, at: timeAt(points, mark.event)}));
	let nextMark = 0;
	let previous = '';
	const end = replay.stopAt ?? session.end?.event ?? session.lastEvent;
	try {
		for (const t of frameTimes(totalMs, options.fps, options.maxFrames)) {
			clock = t;
			await advanceTo(sim, Math.min(end, eventAt(points, t)));
			if (t >= totalMs && replay.stopAt === undefined && !sim.finished) await sim.runToEnd(end);
			store.publish();
			await new Promise((resolve) => setImmediate(resolve));
			const seconds = Number((t / 1000).toFixed(3));
			for (; nextMark < marks.length && marks[nextMark]!.at <= t; nextMark++) lines.push(JSON.stringify([seconds, 'm', marks[nextMark]!.text]));
			if (stdout.frame === previous) continue;
			previous = stdout.frame;
			lines.push(JSON.stringify([seconds, 'o', `\u001B[H${stdout.frame.replace(/\n/g, '\r\n')}`]));
		}
	} finally {
		instance.unmount();
		store.stop();
	}
	lines.push(JSON.stringify([Number((totalMs / 1000).toFixed(3)), 'o', '\u001B[?25h\r\n']));
	return `${lines.join('\n')}\n`;
}
