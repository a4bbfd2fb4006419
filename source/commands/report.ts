import type {Command} from 'commander';
import {InputError} from '../engine/input-error.js';
import {writeOutputFile} from '../io/session-file.js';
import {readSession} from '../recording/reader.js';
import {sessionSummary} from '../recording/session-summary.js';
import {htmlReport} from '../report/html.js';
import {markdownReport} from '../report/markdown.js';
import {reportData} from '../report/report-data.js';

interface ReportOptions {
	html?: string;
	md?: boolean;
}

/** `memsim report FILE --html OUT.html | --md`. */
export function registerReportCommand(program: Command): void {
	program
		.command('report <file>')
		.description('a report of a recorded session: a self-contained HTML page with charts, or Markdown for an issue')
		.option('--html <out>', 'write one self-contained HTML file (SVG charts, no scripts, nothing fetched)')
		.option('--md', 'print a Markdown summary on stdout')
		.action(async (file: string, options: ReportOptions) => {
			await reportCommand(file, options);
		});
}

async function reportCommand(file: string, options: ReportOptions): Promise<void> {
	if (options.html === undefined && !options.md) throw new InputError('report: say what to write: --html OUT.html or --md (or both)');
	const session = await readSession(file);
	const {summary, replayed, warning} = await sessionSummary(session);
	if (warning) process.stderr.write(`memsim: warning: ${warning}\n`);
	const data = reportData(session, summary, replayed, warning);
	if (options.html !== undefined) {
		writeOutputFile(options.html, htmlReport(data));
		if (options.md) process.stderr.write(`memsim: wrote ${options.html}\n`);
	}
	if (options.md) process.stdout.write(markdownReport(data));
}
