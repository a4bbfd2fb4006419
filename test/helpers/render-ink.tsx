import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

/** Escape codes out: what a user reads. */
export function plain(text: string | undefined): string {
	// eslint-disable-next-line no-control-regex
	return (text ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}

export const tick = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms));

export interface SizedRender {
	/** The last frame, escape codes included. */
	readonly lastFrame: () => string;
	/** The last frame as plain text. */
	readonly screen: () => string;
	readonly lines: () => string[];
	/** Write keys to stdin and let Ink and React handle them. */
	readonly press: (...keys: string[]) => Promise<void>;
	readonly resize: (columns: number, rows: number) => Promise<void>;
	readonly waitFor: (predicate: (screen: string) => boolean, timeoutMs?: number) => Promise<string>;
	readonly unmount: () => void;
}

/**
 * ink-testing-library's render with a terminal size: its fake stdout says 100 columns and no rows,
 * so the size is set on the stream and the tree re-rendered (Ink reads the width at every layout).
 */
export async function renderSized(tree: ReactElement, columns = 100, rows = 30): Promise<SizedRender> {
	const instance = render(tree);
	const stdout = instance.stdout as unknown as {columns: number; rows: number; emit: (event: string) => void};
	let size = {columns, rows};
	Object.defineProperty(stdout, 'columns', {configurable: true, get: () => size.columns});
	Object.defineProperty(stdout, 'rows', {configurable: true, get: () => size.rows});
	instance.rerender(tree);
	await tick();
	const lastFrame = () => instance.lastFrame() ?? '';
	const screen = () => plain(lastFrame());
	return {
		lastFrame,
		screen,
		lines: () => screen().split('\n'),
		async press(...keys) {
			for (const key of keys) {
				instance.stdin.write(key);
				await tick();
			}
			await tick();
		},
		async resize(newColumns, newRows) {
			size = {columns: newColumns, rows: newRows};
			stdout.emit('resize');
			instance.rerender(tree);
			await tick();
		},
		async waitFor(predicate, timeoutMs = 2000) {
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				if (predicate(screen())) return screen();
				await tick(10);
			}
			throw new Error(`timed out waiting; last frame:\n${screen()}`);
		},
		unmount: () => instance.unmount(),
	};
}

/** Key codes as a terminal sends them. */
export const keys = {
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	escape: '\u001B',
	ctrlC: '\u0003',
	space: ' ',
} as const;
