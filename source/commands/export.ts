import type {Command} from 'commander';
import {InputError} from '../engine/input-error.js';
import {parseIntegerInRange} from '../engine/params.js';
import {writeOutputFile} from '../io/session-file.js';
import {describeProblem, readSession} from '../recording/reader.js';
import {importDrawing} from '../ui/render/output-hook.js';

interface ExportOptions {
	cast?: string;
	fps?: string;
	color?: boolean;
	trace?: string;
}

/** `memsim export FILE --cast OUT.cast`: the dashboard of a recorded session as an asciicast v2 file. */
export function registerExportCommand(program: Command): void {
	program
		.command('export <file>')
		.description("a recorded session's dashboard as an asciicast v2 file (asciinema play OUT.cast), drawn off-screen")
		.option('--cast <out>', 'write an asciicast v2 file')
		.option('--fps <n>', 'frames per second of session time (default 10; long sessions get fewer, at most 1500 frames)')
		.option('--trace <file>', 'the recorded trace moved or was renamed: read it from here')
		.option('--no-color', 'no colours in the cast')
		.action(async (file: string, options: ExportOptions) => {
			await exportCommand(file, options);
		});
}

async function exportCommand(file: string, options: ExportOptions): Promise<void> {
	if (options.cast === undefined) throw new InputError('export: say what to write: --cast OUT.cast');
	const fps = options.fps === undefined ? undefined : parseIntegerInRange(options.fps, '--fps', 1, 60);
	const session = await readSession(file);
	const problem = describeProblem(session);
	if (problem) process.stderr.write(`memsim: warning: ${problem}\n`);
	// The renderer (Ink, React, the dashboard) loads only for this command.
	const {exportCast} = await importDrawing(() => import('../report/cast.js'));
	const cast = await exportCast(session, {fps, color: options.color !== false, overrides: {trace: options.trace}});
	writeOutputFile(options.cast, cast);
}
