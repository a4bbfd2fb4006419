import {type Instance, render} from 'ink';
import React, {type ReactElement} from 'react';
import type {Simulation} from '../engine/simulation.js';
import {App} from './app.js';
import {ColorContext} from './components/color.js';
import {TerminalSize} from './hooks/terminal-size.js';
import {DashboardStore} from './store/dashboard-store.js';

export interface DashboardOptions {
	/** Colours on (false for `--no-color` and NO_COLOR). */
	readonly color: boolean;
	/** What to draw instead of the plain dashboard (recording's R key, review mode); see source/ui/review/. */
	readonly root?: DashboardRoot;
}

/** A dashboard with more on top: it owns its store(s) and renders `App` itself. */
export interface DashboardRoot {
	start(): void;
	stop(): void;
	render(terminal: TerminalSize, quit: () => void): ReactElement;
}

/** Alternate screen on, cleared, cursor hidden; and the way back. */
const enterScreen = '\u001B[?1049h\u001B[2J\u001B[H\u001B[?25l';
const leaveScreen = '\u001B[?25h\u001B[?1049l';
const clearScreen = '\u001B[2J\u001B[H';

const signals = {SIGTERM: 15, SIGHUP: 1, SIGINT: 2} as const;

/**
 * The live dashboard over a simulation, in the terminal's alternate screen. Resolves when the user
 * quits (`q`, Ctrl-C). Every way out restores the terminal: a quit, a signal, an uncaught error, a
 * render error, and process exit as a last resort.
 */
export async function runDashboard(sim: Simulation, options: DashboardOptions): Promise<void> {
	const {stdout, stdin} = process;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			stdout.write(leaveScreen);
		} catch {
			// The terminal is gone: nothing left to restore.
		}
	};
	stdout.write(enterScreen);
	process.on('exit', restore);

	const root = options.root ?? plainRoot(sim);
	const terminal = TerminalSize.watch(stdout, () => stdout.write(clearScreen));
	let instance: Instance | undefined;
	let finish: () => void = () => {};
	const done = new Promise<void>(resolve => {
		finish = resolve;
	});

	let closed = false;
	const shutdown = () => {
		if (closed) return;
		closed = true;
		root.stop();
		terminal.dispose();
		try {
			instance?.unmount();
		} catch {
			// Unmounting a broken tree: restoring the terminal matters more.
		}
		restore();
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', fatal);
		process.off('unhandledRejection', fatal);
		finish();
	};
	const fatal = (error: unknown) => {
		shutdown();
		process.stderr.write(`memsim: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	};
	const signalHandlers = Object.entries(signals).map(([signal, number]) => {
		const handler = () => {
			shutdown();
			process.exit(128 + number);
		};
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	process.on('uncaughtException', fatal);
	process.on('unhandledRejection', fatal);

	const listenersBeforeInk = new Set(stdout.listeners('resize'));
	instance = render(
		<ColorContext.Provider value={options.color}>
			{root.render(terminal, shutdown)}
		</ColorContext.Provider>,
		// maxFps above the store's 30 frames a second: Ink draws each published frame at once, inside
		// the store's frame, instead of on a trailing timer that could land while the simulation steps.
		{stdout, stdin, patchConsole: false, exitOnCtrlC: false, maxFps: 60},
	);
	// Resizes are ours alone: Ink's own handler redraws the previous layout at the new width before
	// React has the new one, which scrolls the screen when the terminal shrank. Ours clears the screen
	// and publishes the size; the next frame is drawn from the top for the new layout.
	for (const listener of stdout.listeners('resize')) {
		if (!listenersBeforeInk.has(listener)) stdout.off('resize', listener as () => void);
	}
	instance.waitUntilExit().catch(fatal);
	root.start();
	await done;
}

function plainRoot(sim: Simulation): DashboardRoot {
	const store = new DashboardStore(sim);
	return {
		start: () => store.start(),
		stop: () => store.stop(),
		render: (terminal, quit) => <App store={store} terminal={terminal} quit={quit} />,
	};
}
