import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';

// Commands import their Ink views through importDrawing (ui/render/output-hook.ts); a child process
// does the same, draws one coloured frame with Ink and reports whose Output drew it.
const hookPath = path.resolve('dist/source/ui/render/output-hook.js');
const hook = pathToFileURL(hookPath).href;
const script = `
const {importDrawing} = await import('${hook}');
await importDrawing(async () => undefined);
const {EventEmitter} = await import('node:events');
const React = (await import('react')).default;
const {render, Box, Text} = await import('ink');
const stdout = Object.assign(new EventEmitter(), {columns: 40, rows: 10, isTTY: true, frames: [], write(chunk) { this.frames.push(chunk); return true; }});
const frame = React.createElement(Box, {borderStyle: 'round', width: 30}, React.createElement(Text, {color: 'red', bold: true}, 'heap 漢字 ⣿▆ ok'));
const instance = render(frame, {stdout, debug: true, patchConsole: false});
instance.unmount();
const stats = globalThis[Symbol.for('memsim.fastOutput')];
process.stdout.write(JSON.stringify({stats: stats ?? null, frame: stdout.frames.join('')}));
`;

function drawOnce(env: Record<string, string> = {}): {stats: {fast: number; fallback: number} | null; frame: string} {
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
		cwd: path.resolve('.'),
		env: {...process.env, FORCE_COLOR: '1', ...env},
		encoding: 'utf8',
	});
	return JSON.parse(output) as {stats: {fast: number; fallback: number} | null; frame: string};
}

beforeAll(() => {
	if (!existsSync(hookPath)) throw new Error('dist/ is missing: build first with npx tsc -p tsconfig.json');
});

describe("the CLI's output hook", () => {
	it("makes Ink draw with memsim's Output, the same bytes as Ink's own", () => {
		const ours = drawOnce();
		const inks = drawOnce({MEMSIM_INK_OUTPUT: 'ink'});
		// Ink draws the frame, and once more as it unmounts.
		expect(ours.stats).toEqual({fast: 2, fallback: 0});
		expect(inks.stats).toBeNull();
		expect(ours.frame).toContain('\u001B[31m');
		expect(ours.frame).toBe(inks.frame);
	});
});
