import path from 'node:path';
import xterm from '@xterm/headless';
import pty from 'node-pty';

export const cliPath = path.resolve('dist/cli.js');

export interface PtyExit {
	readonly exitCode: number;
	readonly signal?: number;
	/** Milliseconds since spawn. */
	readonly at: number;
}

export interface PtySession {
	/** The visible screen as text, one line per row (trailing spaces trimmed). */
	screen(): string;
	lines(): string[];
	/** Wait until the screen satisfies `match`; returns the screen and when it matched (ms since spawn). */
	waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<{screen: string; at: number}>;
	press(keys: string): void;
	resize(columns: number, rows: number): void;
	/** Everything the program wrote, escape codes included. */
	output(): string;
	/** The terminal is on its alternate screen. */
	onAlternateScreen(): boolean;
	readonly exited: Promise<PtyExit>;
	elapsed(): number;
	kill(signal?: string): void;
}

/** Run the built CLI in a real pseudo-terminal, read through a headless xterm. */
export function spawnCli(args: readonly string[], columns: number, rows: number): PtySession {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	// Ink draws nothing but the last frame when it thinks it runs in CI.
	for (const key of ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS']) delete env[key];
	delete env['NO_COLOR'];
	env['TERM'] = 'xterm-256color';
	const started = Date.now();
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const child = pty.spawn(process.execPath, [cliPath, ...args], {name: 'xterm-256color', cols: columns, rows, cwd: process.cwd(), env});
	let raw = '';
	child.onData(data => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<PtyExit>(resolve => {
		child.onExit(({exitCode, signal}) => resolve({exitCode, signal, at: Date.now() - started}));
	});
	let done = false;
	void exited.then(() => {
		done = true;
	});
	const lines = () => {
		const buffer = terminal.buffer.active;
		const out: string[] = [];
		for (let i = 0; i < terminal.rows; i++) out.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
		return out;
	};
	// xterm parses writes asynchronously: wait for it to catch up before reading.
	const flush = () => new Promise<void>(resolve => terminal.write('', resolve));
	return {
		screen: () => lines().join('\n'),
		lines,
		async waitFor(match, timeoutMs = 15_000) {
			const test =
				typeof match === 'function' ? match : typeof match === 'string' ? (s: string) => s.includes(match) : (s: string) => match.test(s);
			const until = Date.now() + timeoutMs;
			for (;;) {
				await flush();
				const screen = lines().join('\n');
				if (test(screen)) return {screen, at: Date.now() - started};
				if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(match)}; screen:\n${screen}`);
				if (done) throw new Error(`the program exited while waiting for ${String(match)}; screen:\n${screen}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		press: keys => child.write(keys),
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		output: () => raw,
		onAlternateScreen: () => terminal.buffer.active.type === 'alternate',
		exited,
		elapsed: () => Date.now() - started,
		kill(signal = 'SIGKILL') {
			if (!done) child.kill(signal);
		},
	};
}
