import type {Command} from 'commander';
import {InputError} from '../engine/input-error.js';
import {strategyNames} from '../engine/strategies/registry.js';
import {findStrategy} from '../engine/strategies/registry.js';
import {autoStart, autoStrategy} from '../engine/tuner/registry.js';
import {formatPercent, formatRate} from '../format/units.js';
import type {CompareCell, CompareResult} from './compare-cell.js';
import {plainTable} from './plain-table.js';
import {ProgressLine} from './progress.js';
import {defaultComparisonTraces} from './project-paths.js';
import {addSimulationOptions, buildParams, type RunOptionValues} from './run-options.js';
import {runInProcesses} from './process-pool.js';
import {importDrawing} from '../ui/render/output-hook.js';

interface CompareOptions extends Omit<RunOptionValues, 'trace'> {
	trace?: string[];
	strategies?: string;
	json?: boolean;
}

/** `memsim compare`: the trace x strategy table a user reads to pick an allocator. */
export function registerCompareCommand(program: Command): void {
	const command = program
		.command('compare')
		.description('replay traces under several strategies and tabulate peak utilization, failures, fragmentation and speed')
		.option('--trace <files...>', 'traces to replay (default: the malloc-lab suite in ../shared/traces and the valgrind fixtures)')
		.option('--strategies <list>', `comma-separated strategies; '${autoStrategy}' is ${autoStart.strategy} with the ${autoStart.tuner} tuner (default: ${compareStrategies().join(',')})`)
		.option('--json', 'print an array of {trace, strategy, peakUtilization, failures, externalFragmentation, eventsPerSec}');
	addSimulationOptions(command);
	command.action(async (options: CompareOptions) => {
		await compareCommand(options);
	});
}

async function compareCommand(options: CompareOptions): Promise<void> {
	const traces = options.trace ?? defaultComparisonTraces();
	if (traces.length === 0) throw new InputError('no traces: give --trace FILE...');
	const strategies = options.strategies ? options.strategies.split(',').map(s => compareStrategy(s.trim())) : compareStrategies();
	// A comparison of space efficiency needs room to grow: an sbrk-style heap unless --heap says otherwise.
	const params = buildParams({...options, trace: undefined, heap: options.heap ?? 'grow'});
	const cells: CompareCell[] = traces.flatMap(trace => strategies.map(strategy => ({trace, strategy, params})));
	const progress = new ProgressLine();
	progress.update(`compare: 0/${cells.length} cells`, true);
	// A cell that fails (a malformed trace) rejects the run: the progress line is cleared before its message.
	const results = await runInProcesses<CompareCell, CompareResult>(
		new URL('./compare-cell.js', import.meta.url),
		cells,
		(done, total) => progress.update(`compare: ${done}/${total} cells`),
	).finally(() => progress.done());
	if (options.json) {
		process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
		return;
	}
	await printTable(results, strategies);
}

/** The default columns: every strategy, then the tuner (`auto`). */
function compareStrategies(): string[] {
	return [...strategyNames(), autoStrategy];
}

function compareStrategy(name: string): string {
	return name === autoStrategy ? autoStrategy : findStrategy(name).name;
}

function tableRows(results: CompareResult[]): Array<Record<string, string>> {
	return results.map(r => ({
		trace: r.trace,
		strategy: r.strategy,
		'peak util': formatPercent(r.peakUtilization),
		failures: String(r.failures),
		'max ext frag': formatPercent(r.externalFragmentation),
		speed: formatRate(r.eventsPerSec),
	}));
}

async function printTable(results: CompareResult[], strategies: string[]): Promise<void> {
	const rows = tableRows(results);
	if (process.stdout.isTTY) {
		const {renderTable} = await importDrawing(() => import('./table-view.js'));
		await renderTable(rows);
	} else {
		process.stdout.write(`${plainTable(rows)}\n`);
	}
	process.stdout.write(`\n${meanLine(results, strategies)}\n`);
}

/** Mean peak utilization per strategy over the traces: the one-line answer under the table. */
function meanLine(results: CompareResult[], strategies: string[]): string {
	const means = strategies.map(strategy => {
		const mine = results.filter(r => r.strategy === strategy);
		const mean = mine.reduce((sum, r) => sum + r.peakUtilization, 0) / Math.max(1, mine.length);
		return `${strategy} ${formatPercent(mean)}`;
	});
	return `mean peak utilization: ${means.join(', ')}`;
}
