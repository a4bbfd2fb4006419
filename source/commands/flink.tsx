import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Command} from 'commander';
import type {ReactNode} from 'react';
import {Box, render, Text} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {layoutBar, groupLine} from '../flink/bar.js';
import {parseFlinkConfig} from '../flink/config-yaml.js';
import {computeJobManagerMemory, JOB_MANAGER_PARTS} from '../flink/jobmanager-memory.js';
import {formatBinarySize} from '../flink/memory-size.js';
import {jobManagerReport, renderJson, renderPlainReport, tableCells, taskManagerReport, type MemoryReport} from '../flink/report.js';
import {computeTaskManagerMemory, TASK_MANAGER_PARTS} from '../flink/taskmanager-memory.js';
import {InputError} from './input-error.js';

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
	// A report, not an app: render the frame once and let go of the terminal.
	const width = Math.max(40, Math.min(100, (process.stdout.columns ?? 80) - 2));
	const instance = render(<FlinkReportView report={report} color={!noColor} width={width} terminalColumns={process.stdout.columns ?? 80} />, {patchConsole: false, exitOnCtrlC: false});
	instance.unmount();
	await instance.waitUntilExit();
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

/** The report for a terminal: an ink table, the coloured bar and the JVM arguments. */
export function FlinkReportView({
	report,
	color,
	width,
	terminalColumns,
}: {
	report: MemoryReport;
	color: boolean;
	/** Columns for the bar. */
	width: number;
	/** Columns the table may take: it drops How, then Option, rather than wrap. */
	terminalColumns: number;
}) {
	const data = tableCells(report).map(([component, size, bytes, option, how]) => ({
		Component: component!,
		Size: size!,
		Bytes: bytes!,
		Option: option!,
		How: how!,
	}));
	const header = ({children}: {children?: ReactNode}) => (
		<Text bold color={color ? 'blue' : undefined}>
			{children}
		</Text>
	);
	const columns = fittingColumns(data, terminalColumns);
	const laid = layoutBar(report.segments, width);
	const abbreviated = laid.filter(part => part.text !== part.segment.label);
	return (
		<Box flexDirection="column">
			<Text bold>{report.title}</Text>
			<Table data={data} header={header} columns={columns} />
			<Text bold>Memory model ({formatBinarySize(report.totalProcess)} total process memory)</Text>
			<Text>{groupLine(laid, report.segments, report.groups)}</Text>
			<Text>
				{laid.map(part =>
					color ? (
						<Text key={part.segment.label} color="black" backgroundColor={part.segment.color}>
							{(' ' + part.text).padEnd(part.columns)}
						</Text>
					) : (
						<Text key={part.segment.label}>{`|${part.text.padEnd(part.columns - 1)}`}</Text>
					),
				)}
				{color ? '' : '|'}
			</Text>
			{abbreviated.length > 0 && (
				<Text dimColor>{abbreviated.map(part => `${part.text || '(unlabelled)'} = ${part.segment.label}`).join(', ')}</Text>
			)}
			<Text> </Text>
			<Text bold>JVM arguments</Text>
			<Text>  {report.jvmArgs.commandLine}</Text>
			{report.warnings.map(warning => (
				<Text key={warning} color={color ? 'yellow' : undefined}>
					Warning: {warning}
				</Text>
			))}
		</Box>
	);
}

type TableRow = Record<'Component' | 'Size' | 'Bytes' | 'Option' | 'How', string>;

/** The table's columns, sizes right-aligned, leaving out the widest text columns until the table fits. */
function fittingColumns(data: readonly TableRow[], available: number) {
	const keys: Array<keyof TableRow> = ['Component', 'Size', 'Bytes', 'Option', 'How'];
	// ink-table pads each cell by one space on both sides and draws one border per column, plus one.
	const widthOf = (chosen: ReadonlyArray<keyof TableRow>) =>
		chosen.reduce((sum, key) => sum + Math.max(key.length, ...data.map(row => row[key].length)) + 3, 1);
	let chosen = keys;
	for (const dropped of ['How', 'Option'] as const) {
		if (widthOf(chosen) <= available) break;
		chosen = chosen.filter(key => key !== dropped);
	}
	return chosen.map(key => ({key, align: key === 'Size' || key === 'Bytes' ? ('right' as const) : ('left' as const)}));
}
