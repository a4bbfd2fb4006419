import type {ReactNode} from 'react';
import {Box, render, Text} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {layoutBar, groupLine} from '../flink/bar.js';
import {formatBinarySize} from '../flink/memory-size.js';
import {tableCells, type MemoryReport} from '../flink/report.js';

/** Render the report once in a terminal and let go of it: a report, not an app. */
export async function renderFlinkReport(report: MemoryReport, color: boolean): Promise<void> {
	const width = Math.max(40, Math.min(100, (process.stdout.columns ?? 80) - 2));
	const instance = render(<FlinkReportView report={report} color={color} width={width} terminalColumns={process.stdout.columns ?? 80} />, {patchConsole: false, exitOnCtrlC: false});
	instance.unmount();
	await instance.waitUntilExit();
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
