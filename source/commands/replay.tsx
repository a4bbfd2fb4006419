import type {Command} from 'commander';
import {flinkSummaryText} from '../flink/sim/flink-summary-text.js';
import {summaryText} from '../format/summary-text.js';
import {counted} from '../format/units.js';
import type {Summary} from '../engine/metrics.js';
import {describeProblem, readSession} from '../recording/reader.js';
import {openReplay, playReplay, type ReplayOverrides} from '../recording/replay.js';
import {runSummary} from '../recording/run-summary.js';
import {compareSummaries} from '../recording/summary-compare.js';
import {ProgressLine} from './progress.js';
import {isInteractive} from './run.js';
import {addSimulationOptions} from './run-options.js';
import {importDrawing} from '../ui/render/output-hook.js';

export interface ReplayCommandOptions extends ReplayOverrides {
	headless?: boolean;
	json?: boolean;
	color?: boolean;
}

/** `memsim replay FILE`: review a recorded session in the dashboard, or re-run it headless ("what if" with overrides). */
export function registerReplayCommand(program: Command): void {
	const command = program
		.command('replay <file>')
		.description('replay a recorded session: review it in the dashboard, or headless (any run option overrides the recorded one)');
	addSimulationOptions(command);
	command
		.option('--trace <file>', 'the recorded trace moved or was renamed: read it from here')
		.option('--headless', 'no dashboard: replay to where the recording stopped and print the summary')
		.option('--json', 'print the summary as one JSON object (implies --headless)')
		.option('--no-color', 'no colours (NO_COLOR is honoured too)')
		.action(async (file: string, options: ReplayCommandOptions) => {
			await replayCommand(file, options);
		});
}

function warn(text: string): void {
	process.stderr.write(`memsim: warning: ${text}\n`);
}

async function replayCommand(file: string, options: ReplayCommandOptions): Promise<void> {
	const session = await readSession(file);
	const problem = describeProblem(session);
	if (problem) warn(problem);
	if (isInteractive(options)) {
		const {runReview} = await importDrawing(() => import('../ui/review/run-review.js'));
		await runReview(session, options, {color: options.color !== false && !process.env['NO_COLOR']});
		return;
	}
	const replay = await openReplay(session, options);
	for (const note of replay.notes) warn(note);
	const progress = new ProgressLine();
	await playReplay(replay, (events) => progress.update(`${replay.sim.source.name}: replaying, ${events} events`));
	progress.done();
	const summary = runSummary(replay.sim);
	if (options.json) {
		process.stdout.write(`${JSON.stringify(summary)}\n`);
		return;
	}
	const flink = summary['flink'] as Parameters<typeof flinkSummaryText>[0] | undefined;
	const text = summaryText(summary as Summary & Record<string, unknown>);
	process.stdout.write(`${flink ? `${text}\n${flinkSummaryText(flink)}` : text}\n`);
	if (session.end) process.stdout.write(`${againstRecorded(session.end.summary, summary)}\n`);
}

/** One line under the text summary: does the replay agree with the recording (timings aside)? */
function againstRecorded(recorded: unknown, replayed: unknown): string {
	const differing = compareSummaries(recorded, replayed).filter((row) => !row.same);
	if (differing.length === 0) return '\nsame as the recorded summary (timings aside)';
	const shown = differing.slice(0, 12).map((row) => `  ${row.key}: recorded ${String(row.a)}, now ${String(row.b)}`);
	const more = differing.length > shown.length ? [`  ... and ${differing.length - shown.length} more (memsim diff shows all)`] : [];
	return ['', `differs from the recorded summary in ${counted(differing.length, 'figure')}:`, ...shown, ...more].join('\n');
}
