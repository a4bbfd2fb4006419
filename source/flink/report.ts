import {renderBarLines, type BarColor, type BarGroup, type BarSegment} from './bar.js';
import type {JobManagerMemory, JobManagerPart} from './jobmanager-memory.js';
import {formatBinarySize} from './memory-size.js';
import type {PartSource} from './part-source.js';
import type {DerivationPath} from './process-memory.js';
import type {JvmArgs, TaskManagerMemory, TaskManagerPart} from './taskmanager-memory.js';

/**
 * A computed memory model made ready to show: rows for the table, segments for the bar, the JVM
 * arguments. Built once from a TaskManagerMemory or JobManagerMemory; the plain-text renderer here and the
 * ink view in the command both draw from it, so the two outputs cannot disagree.
 */
export interface ReportRow {
	readonly label: string;
	readonly bytes: bigint;
	readonly source: PartSource;
	readonly total: boolean;
}

export interface MemoryReport {
	readonly title: string;
	readonly rows: readonly ReportRow[];
	readonly segments: readonly BarSegment[];
	readonly groups: readonly BarGroup[];
	readonly totalProcess: bigint;
	readonly jvmArgs: JvmArgs;
	readonly warnings: readonly string[];
}

interface PartDisplay {
	readonly label: string;
	readonly short: string;
	readonly color?: BarColor;
}

const TM_DISPLAY: Record<TaskManagerPart, PartDisplay> = {
	frameworkHeap: {label: 'Framework Heap', short: 'FH', color: 'blue'},
	taskHeap: {label: 'Task Heap', short: 'TH', color: 'blueBright'},
	managed: {label: 'Managed Memory', short: 'MM', color: 'green'},
	frameworkOffHeap: {label: 'Framework Off-Heap', short: 'FO', color: 'magenta'},
	taskOffHeap: {label: 'Task Off-Heap', short: 'TO', color: 'magentaBright'},
	network: {label: 'Network', short: 'NW', color: 'cyan'},
	metaspace: {label: 'JVM Metaspace', short: 'MS', color: 'yellow'},
	overhead: {label: 'JVM Overhead', short: 'OV', color: 'red'},
	totalFlink: {label: 'Total Flink Memory', short: 'TF'},
	totalProcess: {label: 'Total Process Memory', short: 'TP'},
};

const JM_DISPLAY: Record<JobManagerPart, PartDisplay> = {
	jvmHeap: {label: 'JVM Heap', short: 'H', color: 'blue'},
	offHeap: {label: 'Off-Heap', short: 'OH', color: 'magenta'},
	metaspace: {label: 'JVM Metaspace', short: 'MS', color: 'yellow'},
	overhead: {label: 'JVM Overhead', short: 'OV', color: 'red'},
	totalFlink: {label: 'Total Flink Memory', short: 'TF'},
	totalProcess: {label: 'Total Process Memory', short: 'TP'},
};

// The order of Flink's memory model picture: heap, off-heap (managed, direct), then the JVM's own.
type Totals = 'totalFlink' | 'totalProcess';

const TM_ORDER: ReadonlyArray<Exclude<TaskManagerPart, Totals>> = [
	'frameworkHeap',
	'taskHeap',
	'managed',
	'frameworkOffHeap',
	'taskOffHeap',
	'network',
	'metaspace',
	'overhead',
];

const PATH_TEXT: Record<DerivationPath, string> = {
	'fine-grained': 'from the fine-grained sizes',
	'total-flink': 'from Total Flink Memory',
	'total-process': 'from Total Process Memory',
};

export function taskManagerReport(memory: TaskManagerMemory): MemoryReport {
	return buildReport<Exclude<TaskManagerPart, Totals>>(`Flink TaskManager memory, derived ${PATH_TEXT[memory.derivedFrom]}`, memory, TM_ORDER, TM_DISPLAY, [
		{label: 'JVM Heap', from: 0, to: 1},
		{label: 'Off-Heap', from: 2, to: 5},
		{label: 'JVM', from: 6, to: 7},
	], []);
}

export function jobManagerReport(memory: JobManagerMemory): MemoryReport {
	const order: ReadonlyArray<Exclude<JobManagerPart, Totals>> = ['jvmHeap', 'offHeap', 'metaspace', 'overhead'];
	return buildReport<Exclude<JobManagerPart, Totals>>(`Flink JobManager memory, derived ${PATH_TEXT[memory.derivedFrom]}`, memory, order, JM_DISPLAY, [
		{label: 'Total Flink', from: 0, to: 1},
		{label: 'JVM', from: 2, to: 3},
	], memory.warnings);
}

function buildReport<P extends string>(
	title: string,
	memory: Readonly<Record<P | Totals, bigint>> & {
		readonly sources: Readonly<Record<P | Totals, PartSource>>;
		readonly jvmArgs: JvmArgs;
	},
	order: readonly P[],
	display: Record<P | Totals, PartDisplay>,
	groups: readonly BarGroup[],
	warnings: readonly string[],
): MemoryReport {
	const row = (part: P | Totals, total: boolean): ReportRow => ({
		label: display[part].label,
		bytes: memory[part],
		source: memory.sources[part],
		total,
	});
	return {
		title,
		rows: [...order.map(part => row(part, false)), row('totalFlink', true), row('totalProcess', true)],
		segments: order.map(part => ({
			label: display[part].label,
			short: display[part].short,
			bytes: memory[part],
			color: display[part].color ?? 'blue',
		})),
		groups,
		totalProcess: memory.totalProcess,
		jvmArgs: memory.jvmArgs,
		warnings,
	};
}

const HEADERS = ['Component', 'Size', 'Bytes', 'Option', 'How'] as const;

/** The table cells, as both renderers show them. */
export function tableCells(report: MemoryReport): string[][] {
	return report.rows.map(row => [row.label, formatBinarySize(row.bytes), String(row.bytes), row.source.key, row.source.how]);
}

/** The whole report as aligned plain text (no TTY): table, bar, JVM arguments, warnings. */
export function renderPlainReport(report: MemoryReport, options: {color: boolean; width: number}): string {
	const cells = tableCells(report);
	const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map(line => line[column]!.length)));
	const format = (line: readonly string[]) =>
		line
			.map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1));
	const firstTotal = report.rows.findIndex(row => row.total);
	const table = [format(HEADERS), rule, ...cells.slice(0, firstTotal).map(format), rule, ...cells.slice(firstTotal).map(format)];
	const bold = (text: string) => (options.color ? `\u001B[1m${text}\u001B[0m` : text);
	const lines = [
		bold(report.title),
		'',
		...table,
		'',
		bold(`Memory model (${formatBinarySize(report.totalProcess)} total process memory)`),
		...renderBarLines(report.segments, report.groups, options.width, options.color),
		'',
		bold('JVM arguments'),
		`  ${report.jvmArgs.commandLine}`,
		...report.warnings.map(warning => `\nWarning: ${warning}`),
	];
	return `${lines.join('\n')}\n`;
}

/**
 * `--json`: one object of byte counts under the part names, plus jvmArgs. Byte counts are written as
 * JSON numbers straight from the bigint digits, so even sizes past 2^53 stay exact.
 */
export function renderJson(memory: Readonly<Record<string, unknown>>, parts: readonly string[], jvmArgs: JvmArgs): string {
	const fields = parts.map(part => `${JSON.stringify(part)}:${String(memory[part] as bigint)}`);
	const args = [
		`"xmx":${jvmArgs.heap}`,
		`"xms":${jvmArgs.heap}`,
		...(jvmArgs.maxDirectMemory === undefined ? [] : [`"maxDirectMemorySize":${jvmArgs.maxDirectMemory}`]),
		`"maxMetaspaceSize":${jvmArgs.maxMetaspace}`,
		`"commandLine":${JSON.stringify(jvmArgs.commandLine)}`,
	];
	return `{${fields.join(',')},"jvmArgs":{${args.join(',')}}}\n`;
}
