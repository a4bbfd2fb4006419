import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';

// End to end through the built CLI (`npm test` builds first; alone: `npx tsc -p tsconfig.json`).
export const CLI = path.resolve('dist/cli.js');

export function requireBuild(): void {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
}

export interface Result {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

export function memsim(...args: string[]): Result {
	const result = spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, maxBuffer: 64 << 20});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Start the CLI and keep it running (for signals). */
export function startMemsim(...args: string[]) {
	return spawn(process.execPath, [CLI, ...args], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No stack trace in what the user reads. */
export function expectNoStack(text: string): boolean {
	return !/\n\s+at .+:\d+:\d+\)?\n/.test(text) && !text.includes('internal error');
}
