import {performance} from 'node:perf_hooks';
import {statSync} from 'node:fs';
import path from 'node:path';
import type {Command} from 'commander';
import {pinnableCpus} from '../bench/cpu-affinity.js';
import {InMemorySource} from '../bench/in-memory-source.js';
import {prepareGlibcDriver} from '../bench/glibc-baseline.js';
import {holeScaling, timeWithHoles} from '../bench/holes.js';
import {parseSpeed} from '../bench/parse-speed.js';
import {writeParseCorpus} from '../bench/parse-corpus.js';
import type {ReplayCell} from '../bench/replay-cell.js';
import {median} from '../bench/median.js';
import {benchTraceRounds, type CellTiming, type TraceBench} from '../bench/trace-rounds.js';
import {InputError} from '../engine/input-error.js';
import {findStrategy, strategyNames} from '../engine/strategies/registry.js';
import {counted, formatRate} from '../format/units.js';
import {openTrace} from '../workloads/open-trace.js';
import {plainTable} from './plain-table.js';
import {ProgressLine} from './progress.js';
import {defaultComparisonTraces} from './project-paths.js';
import {runInProcesses} from './process-pool.js';
import {importDrawing} from '../ui/render/output-hook.js';

/** Events in each generated parse-speed trace: 22 to 60 MB of text depending on the format. */
const parseCorpusEvents = 2_000_000;

interface BenchOptions {
	trace?: string[];
	strategies?: string;
	json?: boolean;
	baselineGlibc?: boolean;
	runs?: string;
	forks?: string;
	holes?: boolean;
	parse?: boolean;
	gc?: boolean;
	ui?: boolean;
}

/** `memsim bench`: engine speed per strategy as ratios measured in one run (never timed assertions in tests). */
export function registerBenchCommand(program: Command): void {
	program
		.command('bench')
		.description('ns per event per strategy against the naive-first-fit baseline (and glibc), hole scaling, parse speed')
		.option('--trace <files...>', 'traces (default: the malloc-lab suite and the valgrind fixtures)')
		.option('--strategies <list>', 'comma-separated strategies (naive-first-fit is always the baseline)')
		.option('--baseline-glibc', "also time the C library's malloc replaying the same events (compiles a driver with cc)")
		.option('--runs <n>', 'timed runs per cell after warm-up; the fastest is reported, the median too in --json (default 100)')
		.option('--forks <n>', 'fresh processes per cell, and glibc processes per trace; the fastest run of all is reported (default 3)')
		.option('--no-holes', 'skip the 5k vs 100k free-holes scaling check')
		.option('--no-parse', 'skip the parse-speed measurement')
		.option('--gc', 'collector benchmark: full mark of 1M objects / 2M edges, modeled and measured pauses')
		.option('--ui', 'dashboard frame time at 200x60 with 1M live blocks (frames rendered off-screen)')
		.option('--json', 'print the results as one JSON object')
		.action(async (options: BenchOptions) => {
			await benchCommand(options);
		});
}

async function benchCommand(options: BenchOptions): Promise<void> {
	const runs = options.runs === undefined ? 100 : Number(options.runs);
	if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new InputError(`--runs: '${options.runs}' is out of range (allowed: integers 1 to 1000)`);
	const forks = options.forks === undefined ? 3 : Number(options.forks);
	if (!Number.isInteger(forks) || forks < 1 || forks > 20) throw new InputError(`--forks: '${options.forks}' is out of range (allowed: integers 1 to 20)`);
	const progress = new ProgressLine();
	const out: Record<string, unknown> = {};
	const lines: string[] = [];
	if (options.gc || options.ui) {
		if (options.gc) Object.assign(out, {gc: await benchCollectors(progress, lines)});
		if (options.ui) Object.assign(out, {ui: await benchUi(progress, lines)});
		finish(options, out, lines, progress);
		return;
	}
	const traces = options.trace ?? defaultComparisonTraces();
	if (traces.length === 0) throw new InputError('no traces: give --trace FILE...');
	const strategies = options.strategies ? options.strategies.split(',').map(s => findStrategy(s.trim()).name) : strategyNames();
	const glibc = options.baselineGlibc ? prepareGlibcDriver() : undefined;
	if (glibc && 'reason' in glibc) lines.push(`note: ${glibc.reason}`);
	// Rounds take the CPUs in turn (a single CPU's machine, or no taskset: unpinned).
	const cpus = pinnableCpus();
	const roundCpus = cpus !== undefined && cpus.length > 1 ? Array.from({length: forks}, (_, round) => cpus[round % cpus.length]!) : undefined;
	let results: TraceBench[];
	const skipped: Array<{trace: string; reason: string}> = [];
	try {
		results = await benchTraceRounds({
			traces,
			strategies,
			runs,
			forks,
			glibcBinary: glibc && 'binary' in glibc ? glibc.binary : undefined,
			roundCpus,
			// One process at a time: two cells timed at once on a small machine would slow each other down.
			runCells: (cells, done, cpu) => runInProcesses<ReplayCell, CellTiming>(new URL('../bench/replay-cell.js', import.meta.url), cells, done, 1, true, cpu),
			progress: text => progress.update(text),
			onSkip(trace, reason) {
				skipped.push({trace: path.basename(trace), reason});
				lines.push(`note: ${trace}: ${reason}, left out`);
			},
			onRow(row) {
				if (options.json) return;
				progress.done();
				process.stdout.write(`${traceRows([row], row.glibcNsPerEvent !== undefined)}\n`);
			},
		});
	} finally {
		if (glibc && 'binary' in glibc) glibc.remove();
	}
	if (results.length === 0) throw new InputError(`nothing to time: ${skipped.map(s => `${s.trace} (${s.reason})`).join(', ')}`);
	out['traces'] = results;
	if (skipped.length > 0) out['skipped'] = skipped;
	if (roundCpus !== undefined) out['roundCpus'] = roundCpus;
	lines.push(...traceSummary(results, hasGlibc(results), roundCpus));
	if (options.holes !== false) out['holes'] = benchHoles(progress, lines);
	if (options.parse !== false) out['parse'] = await benchParse(progress, lines);
	finish(options, out, lines, progress);
}

function hasGlibc(results: TraceBench[]): boolean {
	return results.some(r => r.glibcNsPerEvent !== undefined);
}

function finish(options: BenchOptions, out: Record<string, unknown>, lines: string[], progress: ProgressLine): void {
	progress.done();
	process.stdout.write(options.json ? `${JSON.stringify(out, null, 2)}\n` : `${lines.join('\n')}\n`);
}

function traceRows(results: TraceBench[], withGlibc: boolean): string {
	const rows = results.flatMap(r =>
		r.strategies.map(s => ({
			trace: r.trace,
			events: String(r.events),
			strategy: s.strategy,
			'ns/event': s.nsPerEvent.toFixed(1),
			'x faster than naive': s.vsNaive.toFixed(1),
			...(withGlibc ? {'x glibc': s.vsGlibc === undefined ? '-' : s.vsGlibc.toFixed(1), 'glibc ns/event': r.glibcNsPerEvent?.toFixed(1) ?? '-'} : {}),
		})),
	);
	return plainTable(rows);
}

function traceSummary(results: TraceBench[], withGlibc: boolean, roundCpus: readonly number[] | undefined): string[] {
	const forks = results[0]?.strategies[0]?.forks.length ?? 1;
	const lines = [
		`Replay speed over ${counted(results.length, 'trace')}: the fastest timed run (after warm-up) of ${forks} fresh process${forks === 1 ? '' : 'es'} per cell, one per round over all traces` +
			(withGlibc ? `; glibc likewise, the fastest run of ${forks} process${forks === 1 ? '' : 'es'}` : '') +
			'; ratios measured in this run (every process\'s median run is in --json)',
	];
	if (roundCpus !== undefined) {
		const which = roundCpus.length === 1 ? `the round pinned to CPU ${roundCpus[0]}` : `rounds pinned to CPU ${roundCpus.join(', ')} in turn`;
		lines.push(`${which} (taskset): each round's cells${withGlibc ? ' and glibc' : ''} on one CPU, so both sides of a ratio share it`);
	}
	const controls = results.flatMap(r => r.strategies.flatMap(s => s.controls));
	if (controls.length > 0) {
		lines.push(
			`control loop (a fixed JS workload timed in every process before its cell; slower when the machine is): ${Math.min(...controls).toFixed(0)} to ${Math.max(...controls).toFixed(0)} ns/op, median ${median(controls).toFixed(0)}`,
		);
	}
	if (withGlibc) {
		const worst = new Map<string, number>();
		for (const r of results) for (const s of r.strategies) if (s.vsGlibc !== undefined) worst.set(s.strategy, Math.max(worst.get(s.strategy) ?? 0, s.vsGlibc));
		lines.push(`worst ratio to glibc per strategy (requirement: within 10x, except the naive baseline): ${[...worst].map(([s, x]) => `${s} ${x.toFixed(1)}x`).join(', ')}`);
	}
	return lines;
}

function benchHoles(progress: ProgressLine, lines: string[]): Record<string, {ns5k: number; ns100k: number; slowdown: number; vsNaive100k: number}> {
	progress.update('bench: free-hole scaling (5k vs 100k holes)', true);
	const naive100k = timeWithHoles('naive-first-fit', 100_000, 200, 3);
	const result: Record<string, {ns5k: number; ns100k: number; slowdown: number; vsNaive100k: number}> = {};
	for (const strategy of ['first-fit', 'best-fit', 'next-fit', 'worst-fit', 'segregated', 'tlsf']) {
		const {ns5k, ns100k} = holeScaling(strategy, 50_000);
		result[strategy] = {ns5k, ns100k, slowdown: ns100k / ns5k, vsNaive100k: naive100k / ns100k};
	}
	lines.push('', `Free-hole scaling: allocate+free of a block that fits no hole (naive-first-fit at 100k holes: ${naive100k.toFixed(0)} ns/pair)`);
	lines.push(
		plainTable(
			Object.entries(result).map(([strategy, r]) => ({
				strategy,
				'5k holes ns/pair': r.ns5k.toFixed(1),
				'100k holes ns/pair': r.ns100k.toFixed(1),
				'slowdown (limit 2.5x)': `${r.slowdown.toFixed(2)}x`,
				'x faster than naive at 100k (need 50x)': r.vsNaive100k.toFixed(0),
			})),
		),
	);
	return result;
}

async function benchParse(progress: ProgressLine, lines: string[]): Promise<Array<{format: string; bytes: number; megabytesPerSec: number}>> {
	progress.update('bench: writing ~100 MB of generated traces for the parse-speed measurement', true);
	const corpus = await writeParseCorpus(parseCorpusEvents);
	const result: Array<{format: string; bytes: number; megabytesPerSec: number}> = [];
	try {
		for (const {format, file} of corpus.files) {
			progress.update(`bench: parsing ${format}`, true);
			const {megabytesPerSec} = await parseSpeed(file);
			result.push({format, bytes: statSync(file).size, megabytesPerSec});
		}
	} finally {
		corpus.remove();
	}
	lines.push(
		'',
		`Parse speed on generated traces (requirement 50 MB/s): ${result
			.map(r => `${r.format} ${r.megabytesPerSec.toFixed(1)} MB/s (${(r.bytes / 1e6).toFixed(0)} MB)`)
			.join(', ')}`,
	);
	return result;
}

async function benchCollectors(progress: ProgressLine, lines: string[]): Promise<unknown> {
	progress.update('bench: marking 1M objects with 2M edges', true);
	const {benchMark} = await import('../engine/collectors/mark-bench.js');
	const result = benchMark({now: () => performance.now()});
	lines.push(
		`Full mark of ${result.objects} objects with ${result.edges} edges: ${result.markMs.toFixed(0)} ms measured, ${result.markModeledMs.toFixed(1)} ms modeled (requirement: under 500 ms)`,
		'',
		'One full cycle per collector (a tenth of the objects garbage):',
		plainTable(
			result.collectors.map(c => ({
				collector: c.collector,
				kind: c.kind,
				'marked objects': String(c.markedObjects),
				'reclaimed blocks': String(c.reclaimedBlocks),
				'moved bytes': String(c.movedBytes),
				'modeled pause ms': c.pauseModeledMs.toFixed(1),
				'measured wall ms': c.wallMs.toFixed(0),
			})),
		),
	);
	return result;
}

async function benchUi(progress: ProgressLine, lines: string[]): Promise<unknown> {
	// Measure the dashboard as a colour terminal draws it, whatever this process's stdout is: Ink
	// decides once, when it loads, whether to emit colours, and a pipe would make every frame cheaper.
	process.env['FORCE_COLOR'] ??= '1';
	const {benchFrames, benchSpeed} = await importDrawing(() => import('../ui/bench-frame.js'));
	progress.update('bench: rendering dashboard frames at 200x60 with 1M live blocks', true);
	const frames = await benchFrames({columns: 200, rows: 60, liveBlocks: 1_000_000, frames: 60});
	progress.update('bench: simulation speed with the dashboard open (200x60) against headless, 5 s each', true);
	const speed = await benchSpeed({columns: 200, rows: 60, seconds: 5});
	lines.push(
		`Dashboard frame at 200x60 with 1M live blocks: median ${frames.medianMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms (requirement: under 10 ms)`,
		`  of which Ink's output stage: median ${frames.inkOutputMs.toFixed(1)} ms; an empty 200x60 frame costs Ink ${frames.blankMs.toFixed(1)} ms (the floor)`,
		`  output step: ${frames.outputStep === 'memsim' ? `memsim's (ui/render/fast-output.ts; frames handed to Ink's own: ${frames.outputFallbacks})` : "Ink's own (MEMSIM_INK_OUTPUT=ink, or Ink is not 6.8.x)"}`,
		`Simulation speed with the dashboard open at full pace: ${formatRate(speed.dashboard)} against ${formatRate(speed.headless)} headless = ${speed.ratio.toFixed(2)}x (requirement: at least 0.5x)`,
	);
	return {frames, speed};
}
