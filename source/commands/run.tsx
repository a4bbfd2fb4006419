import {performance} from 'node:perf_hooks';
import type {Command} from 'commander';
import {dumpHeap} from '../engine/dump-heap.js';
import {Simulation} from '../engine/simulation.js';
import {HeapDumpFile} from '../io/heap-dump-file.js';
import {FlinkMemory} from '../flink/sim/flink-memory.js';
import {flinkSummaryText} from '../flink/sim/flink-summary-text.js';
import {summaryText} from '../format/summary-text.js';
import {addRecordOptions, signalExitCodes, type RecordOptionValues} from '../recording/record-run.js';
import {RunRecording} from '../recording/run-recording.js';
import {defaultHeadlessEvents, openWorkload} from './open-workload.js';
import {ProgressLine} from './progress.js';
import {addFlinkRunOptions, flinkRunFor, type FlinkRunOptionValues} from './run-flink.js';
import {
	addSimulationOptions,
	addWorkloadOptions,
	buildChanges,
	buildParams,
	parseEvents,
	parseSeed,
	type RunOptionValues,
} from './run-options.js';
import {importDrawing} from '../ui/render/output-hook.js';
import {widenInliningBudget} from './inlining-budget.js';

export interface RunCommandOptions extends RunOptionValues, FlinkRunOptionValues, RecordOptionValues {
	headless?: boolean;
	json?: boolean;
	color?: boolean;
	dump?: string;
}

/** `memsim run`: the dashboard in a terminal, the headless summary (or JSON) anywhere else. */
export function registerRunCommand(program: Command): void {
	const command = program
		.command('run', {isDefault: true})
		.description('run an allocator against a workload: the live dashboard in a terminal, a summary otherwise');
	addWorkloadOptions(command);
	addSimulationOptions(command);
	addFlinkRunOptions(command);
	addRecordOptions(command);
	command
		.option('--headless', 'no dashboard: run to the end and print the summary')
		.option('--dump <file>', 'write the final heap as JSON lines, one live block a line: {id, addr, size, site, owner}')
		.option('--json', 'print the summary as one JSON object (implies --headless)')
		.option('--no-color', 'no colours (NO_COLOR is honoured too)')
		.action(async (options: RunCommandOptions) => {
			await runCommand(options);
		});
}

export function isInteractive(options: {headless?: boolean; json?: boolean}): boolean {
	return !options.headless && !options.json && process.stdout.isTTY === true && process.stdin.isTTY === true;
}

/** Build a simulation from run options (shared by run, compare and replay). */
export async function createSimulation(options: RunOptionValues & FlinkRunOptionValues, interactive: boolean): Promise<Simulation> {
	const params = buildParams(options);
	const changes = buildChanges(options);
	const events = parseEvents(options.events) ?? (interactive ? undefined : defaultHeadlessEvents);
	const source = await openWorkload({workload: options.workload, trace: options.trace, seed: parseSeed(options.seed), events});
	const flink = await flinkRunFor(options, source, params);
	// The dashboard's map wants fine cells (a 64 MiB heap at 16 KiB a cell hides a small working set);
	// they cost nothing headless, but nothing headless reads them either.
	const mapCells = interactive ? 1 << 16 : 4096;
	const sim = new Simulation(source, {params: flink?.params ?? params, changes, now: () => performance.now(), admission: flink?.memory, mapCells});
	flink?.attach(sim);
	return sim;
}

async function runCommand(options: RunCommandOptions): Promise<void> {
	const interactive = isInteractive(options);
	if (!interactive) widenInliningBudget();
	const sim = await createSimulation(options, interactive);
	const dump = options.dump === undefined ? undefined : HeapDumpFile.open(options.dump);
	// With --record the file is open and its header written here: an unwritable path stops us before the run.
	const recording = await RunRecording.open(options, sim, interactive);
	if (interactive) {
		const {runDashboard} = await importDrawing(() => import('../ui/run-dashboard.js'));
		const {recordingRoot} = await importDrawing(() => import('../ui/review/recording-root.js'));
		await runDashboard(sim, {color: options.color !== false && !process.env['NO_COLOR'], root: recordingRoot(sim, recording)});
		recording.finish('stopped');
		dump?.write(dumpHeap(sim));
		return;
	}
	const progress = new ProgressLine();
	const ended = await recording.run(events => progress.update(`${sim.source.name}: ${events} events`));
	progress.done();
	const flink = sim.admission instanceof FlinkMemory ? sim.admission.summary() : undefined;
	const summary = flink ? {...sim.summary(), flink} : sim.summary();
	const text = flink ? `${summaryText(summary)}\n${flinkSummaryText(flink)}` : summaryText(summary);
	recording.finish(ended.reason, summary);
	dump?.write(dumpHeap(sim));
	process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${text}\n`);
	if (ended.signal) process.exitCode = signalExitCodes[ended.signal] ?? 1;
}
