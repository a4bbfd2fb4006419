import type {Command} from 'commander';
import {describeProblem, readSession, type Session} from '../recording/reader.js';
import {sessionSummary} from '../recording/session-summary.js';
import {compareSummaries, type SummaryRow} from '../recording/summary-compare.js';

interface DiffOptions {
	json?: boolean;
	all?: boolean;
}

/** `memsim diff A B`: two sessions' summaries (and parameters) side by side, differences marked. */
export function registerDiffCommand(program: Command): void {
	program
		.command('diff <a> <b>')
		.description("two recorded sessions' summaries side by side, with the differences (timings aside)")
		.option('--json', 'print {a, b, parameters, differences} as one JSON object')
		.option('--all', 'list every figure, not only those that differ')
		.action(async (a: string, b: string, options: DiffOptions) => {
			await diffCommand(a, b, options);
		});
}

async function diffCommand(fileA: string, fileB: string, options: DiffOptions): Promise<void> {
	const [a, b] = await Promise.all([readSession(fileA), readSession(fileB)]);
	for (const session of [a, b]) {
		const problem = describeProblem(session);
		if (problem) process.stderr.write(`memsim: warning: ${problem}${session.end ? '' : ' (summary from replaying it)'}\n`);
	}
	const [summaryA, summaryB] = [await sessionSummary(a), await sessionSummary(b)];
	const rows = compareSummaries(summaryA.summary, summaryB.summary);
	const parameters = compareSummaries(describeRun(a), describeRun(b)).filter((row) => !row.same);
	const differences = rows.filter((row) => !row.same);
	if (options.json) {
		const pick = ({key, a: x, b: y}: SummaryRow) => ({key, a: x, b: y});
		const result = {a: {file: fileA, summary: summaryA.summary}, b: {file: fileB, summary: summaryB.summary}, parameters: parameters.map(pick), differences: differences.map(pick)};
		process.stdout.write(`${JSON.stringify(result)}\n`);
		return;
	}
	const lines = [`A  ${fileA}  (${runLabel(a)})`, `B  ${fileB}  (${runLabel(b)})`, ''];
	if (parameters.length > 0) lines.push('parameters and changes that differ:', ...table(parameters, false), '');
	const shown = options.all ? rows : differences;
	if (differences.length === 0) lines.push(`the summaries agree in all ${rows.length} figures (timings aside)`);
	else lines.push(`${differences.length} of ${rows.length} figures differ (timings aside):`);
	if (shown.length > 0) lines.push(...table(shown, true));
	process.stdout.write(`${lines.join('\n')}\n`);
}

/** What the run was: workload, parameters at the start, and the recorded changes, as flat keys. */
function describeRun(session: Session): Record<string, unknown> {
	const {header} = session;
	const workload = header.workload.kind === 'generator' ? {...header.workload} : {kind: 'trace', path: header.workload.path, sha256: header.workload.sha256};
	const changes = session.timeline.flatMap((line) => (line.type === 'change' ? [`${line.event}:${line.key}${line.value === undefined ? '' : `=${line.value}`}`] : []));
	return {workload, params: header.params, changes: changes.join(' ') || '(none)'};
}

function runLabel(session: Session): string {
	const w = session.header.workload;
	const workload = w.kind === 'generator' ? `${w.name} seed ${w.seed}` : w.path;
	return `${workload}, ${String(session.header.params.strategy)}, recorded ${session.header.recordedAt}`;
}

function table(rows: readonly SummaryRow[], mark: boolean): string[] {
	const text = (value: unknown) => (value === undefined ? '-' : typeof value === 'number' ? formatNumber(value) : String(value));
	const cells = rows.map((row) => [row.key, text(row.a), text(row.b), delta(row)]);
	const header = ['', 'A', 'B', 'B - A'];
	const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i]!.length)));
	const format = (cell: string[], marker: string) =>
		`${marker}${cell[0]!.padEnd(widths[0]!)}  ${cell[1]!.padStart(widths[1]!)}  ${cell[2]!.padStart(widths[2]!)}  ${cell[3]!.padStart(widths[3]!)}`.trimEnd();
	return [format(header, '  '), ...cells.map((cell, i) => format(cell, mark && !rows[i]!.same ? '* ' : '  '))];
}

function delta(row: SummaryRow): string {
	if (row.same || typeof row.a !== 'number' || typeof row.b !== 'number') return '';
	const change = row.b - row.a;
	const relative = row.a !== 0 ? ` (${change > 0 ? '+' : ''}${((change / Math.abs(row.a)) * 100).toFixed(1)}%)` : '';
	return `${change > 0 ? '+' : ''}${formatNumber(change)}${relative}`;
}

function formatNumber(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}
