import type {Key} from 'ink';
import React, {useCallback, useSyncExternalStore} from 'react';
import type {Simulation} from '../../engine/simulation.js';
import type {RecordingStatus, RunRecording} from '../../recording/run-recording.js';
import {App} from '../app.js';
import type {TerminalSize} from '../hooks/terminal-size.js';
import type {DashboardRoot} from '../run-dashboard.js';
import {DashboardStore} from '../store/dashboard-store.js';

/** The Events pane's line for a recording's start, stop or failure. */
export function recordingNote(status: RecordingStatus): string {
	if (status.error) return `recording failed: ${status.error}`;
	if (status.recording) return `recording to ${status.file ?? '?'} (R stops)`;
	return `recording saved: ${status.file ?? '?'}, ${status.lines} lines (replay it with memsim replay)`;
}

/**
 * `memsim run`'s dashboard with recording: `R` starts and stops a session file (a new file each
 * start; `--record FILE` names the first), `● REC` leads the header while one is open, and each start,
 * stop or failure is a line in the Events pane.
 */
export function recordingRoot(sim: Simulation, recording: RunRecording): DashboardRoot {
	const store = new DashboardStore(sim);
	let off = () => {};
	let timer: ReturnType<typeof setInterval> | undefined;
	return {
		start() {
			if (recording.active) store.note(recordingNote(recording.status()));
			off = recording.subscribe((status) => store.note(recordingNote(status)));
			// A paused dashboard writes nothing new; lines waiting in memory still reach the file within a second.
			timer = setInterval(() => recording.tick(), 500);
			timer.unref();
			store.start();
		},
		stop() {
			store.stop();
			off();
			if (timer) clearInterval(timer);
		},
		render: (terminal, quit) => <RecordingApp store={store} recording={recording} terminal={terminal} quit={quit} />,
	};
}

interface RecordingAppProps {
	readonly store: DashboardStore;
	readonly recording: RunRecording;
	readonly terminal: TerminalSize;
	readonly quit: () => void;
}

function RecordingApp({store, recording, terminal, quit}: RecordingAppProps) {
	const status = useSyncExternalStore(recording.subscribe, recording.status);
	const intercept = useCallback(
		(input: string, key: Key) => {
			if (input !== 'R' || key.ctrl || key.meta) return false;
			recording.toggle().catch((error: unknown) => store.note(`recording: ${(error as Error).message}`));
			return true;
		},
		[recording, store],
	);
	return <App store={store} terminal={terminal} quit={quit} intercept={intercept} badge={status.recording ? '● REC' : undefined} />;
}
