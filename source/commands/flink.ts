import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Command} from 'commander';
import {parseFlinkConfig} from '../flink/config-yaml.js';
import {computeJobManagerMemory, JOB_MANAGER_PARTS} from '../flink/jobmanager-memory.js';
import {jobManagerReport, renderJson, renderPlainReport, taskManagerReport, type MemoryReport} from '../flink/report.js';
import {computeTaskManagerMemory, TASK_MANAGER_PARTS} from '../flink/taskmanager-memory.js';
import {InputError} from './input-error.js';
import {importDrawing} from '../ui/render/output-hook.js';

export interface FlinkCommandOptions {
	conf?: string;
	define: string[];
	json?: boolean;
	jobmanager?: boolean;
	color?: boolean;
}

/** `memsim flink`: Flink's TaskManager (or JobManager) memory model for a configuration, to the byte. */
export function registerFlinkCommand(program: Command): void {
	program
		.command('flink')
		.description("compute Apache Flink's TaskManager or JobManager memory model, to the byte, as Flink does")
		.option('--conf <file>', 'flink-conf.yaml or config.yaml (a directory: its config.yaml, else its flink-conf.yaml)')
		.option('-D, --define <key=value>', 'set a configuration option, repeatable; wins over --conf', collect, [])
		.option('--jobmanager', 'the JobManager model instead of the TaskManager one')
		.option('--json', 'print one JSON object of byte counts')
		.option('--no-color', 'no colours (NO_COLOR is honoured too)')
		.action((options: FlinkCommandOptions) => runFlinkCommand(options));
}

function collect(value: string, previous: string[]): string[] {
	return [...previous, value];
}

async function runFlinkCommand(options: FlinkCommandOptions): Promise<void> {
	const entries = readConfiguration(options);
	// NO_COLOR and --no-color always win. A terminal gets colour; piped text only when FORCE_COLOR asks for
	// it, so a saved report is plain text.
	const noColor = options.color === false || Boolean(process.env['NO_COLOR']);
	const forceColor = process.env['FORCE_COLOR'] !== undefined && !['0', 'false'].includes(process.env['FORCE_COLOR']);
	let report: MemoryReport;
	if (options.jobmanager) {
		const memory = computeJobManagerMemory(entries);
		if (options.json) return void process.stdout.write(renderJson(memory, JOB_MANAGER_PARTS, memory.jvmArgs));
		report = jobManagerReport(memory);
	} else {
		const memory = computeTaskManagerMemory(entries);
		if (options.json) return void process.stdout.write(renderJson(memory, TASK_MANAGER_PARTS, memory.jvmArgs));
		report = taskManagerReport(memory);
	}
	if (process.stdout.isTTY !== true) {
		process.stdout.write(renderPlainReport(report, {color: !noColor && forceColor, width: 72}));
		return;
	}
	// Ink loads only when a terminal will show the table: the other commands start without it.
	const {renderFlinkReport} = await importDrawing(() => import('./flink-view.js'));
	await renderFlinkReport(report, !noColor);
}

/** The --conf file (or directory), then every -D in order: later settings win, as in Flink. */
export function readConfiguration(options: Pick<FlinkCommandOptions, 'conf' | 'define'>): Map<string, string> {
	const entries = options.conf === undefined ? new Map<string, string>() : readConfFile(options.conf);
	for (const definition of options.define) {
		const equals = definition.indexOf('=');
		const key = equals < 0 ? '' : definition.slice(0, equals).trim();
		if (key === '') throw new InputError(`-D expects key=value, got '${definition}'`);
		entries.set(key, definition.slice(equals + 1).trim());
	}
	return entries;
}

function readConfFile(file: string): Map<string, string> {
	let target = file;
	try {
		if (statSync(file).isDirectory()) {
			// Flink 1.19+ reads config.yaml when it exists and falls back to the legacy flink-conf.yaml.
			const candidates = ['config.yaml', 'flink-conf.yaml'].map(name => path.join(file, name));
			const found = candidates.find(candidate => statSync(candidate, {throwIfNoEntry: false})?.isFile());
			if (found === undefined) throw new InputError(`${file}: no config.yaml or flink-conf.yaml in this directory`);
			target = found;
		}
		return parseFlinkConfig(readFileSync(target, 'utf8'), target);
	} catch (error) {
		if (error instanceof InputError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new InputError(`cannot read Flink configuration ${target}: ${why}`);
	}
}
