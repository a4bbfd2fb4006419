import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import {Box, render} from 'ink';
import React from 'react';
import {EventBatch, Op} from '../engine/events.js';
import {Interner} from '../engine/interner.js';
import {defaultParams} from '../engine/params.js';
import {findGenerator} from '../workloads/generators/registry.js';
import {Rng} from '../engine/rng.js';
import {Simulation} from '../engine/simulation.js';
import type {SyncWorkloadSource} from '../engine/workload-source.js';
import {App} from './app.js';
import {ColorContext} from './components/color.js';
import {TerminalSize} from './hooks/terminal-size.js';
import {fastOutputStats} from './render/fast-output.js';
import {DashboardStore} from './store/dashboard-store.js';
import {maxSpeed} from './store/speed.js';

export interface BenchFrameOptions {
	readonly columns: number;
	readonly rows: number;
	readonly liveBlocks: number;
	readonly frames: number;
}

/** Allocates `live` blocks, then churns (one free and one alloc per pair of events) so frames change. */
class FillThenChurn implements SyncWorkloadSource {
	readonly name = 'bench-fill';
	readonly hasGraph = false;
	readonly sites = new Interner();
	readonly owners = new Interner();
	private readonly rng = new Rng(7);
	private readonly siteIds: number[] = [];
	private next = 0;
	private oldest = 0;

	constructor(private readonly live: number) {
		for (let i = 0; i < 48; i++) this.siteIds.push(this.sites.intern(`site.${i}`));
	}

	readSync(batch: EventBatch): number {
		const before = batch.length;
		while (batch.length < batch.capacity - 1) {
			if (this.next >= this.live) batch.push(Op.free, this.oldest++, 0);
			batch.push(Op.alloc, this.next++, this.rng.int(16, 128), this.siteIds[this.next % this.siteIds.length]!);
		}
		return batch.length - before;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}
}

/** A terminal nobody sees: Ink writes into it and the bytes are dropped. */
class NullTerminal extends EventEmitter {
	readonly isTTY = true;
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write(_chunk: unknown, callback?: () => void): boolean {
		callback?.();
		return true;
	}
}

class NullInput extends EventEmitter {
	readonly isTTY = true;
	setRawMode(): this {
		return this;
	}
	setEncoding(): this {
		return this;
	}
	read(): null {
		return null;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Frame times in milliseconds of wall-clock time. */
export interface FrameTimes {
	readonly medianMs: number;
	readonly p95Ms: number;
	/** Median of Ink's output stage alone: walking the laid-out tree, placing every written character on a grid, joining the grid into styled lines. */
	readonly inkOutputMs: number;
	/** Median time Ink takes to write an empty frame of the same size: the floor under any frame. */
	readonly blankMs: number;
	/** Whose output step drew the frames (ui/render/output-hook.ts), and how many of ours it handed to Ink's. */
	readonly outputStep: 'memsim' | 'ink';
	readonly outputFallbacks: number;
}

/**
 * Frame cost of the dashboard off-screen: a simulation holding `liveBlocks` live blocks, the full
 * App rendered by Ink into a terminal of the given size, and a frame (snapshot, React, Ink's layout
 * and output) timed after each batch of churn. `blankMs` is what Ink alone spends on an empty frame
 * of the same size, for scale. Ink 6's own output stage builds an object per terminal cell and joins
 * them back into styled lines every frame (about 10 ms at 200x60); the CLI replaces it with ours
 * (ui/render/fast-output.ts), and `outputStep` says which one drew.
 */
export async function benchFrames(options: BenchFrameOptions): Promise<FrameTimes> {
	const capacity = Math.max(64 * 1024 * 1024, 2 ** Math.ceil(Math.log2(options.liveBlocks * 160)));
	const sim = new Simulation(new FillThenChurn(options.liveBlocks), {params: {...defaultParams, capacity}, now: () => performance.now()});
	while (sim.heap.usedBlocks < options.liveBlocks) sim.stepSync(65_536);
	const store = new DashboardStore(sim, {readHost: null});
	const stdout = new NullTerminal(options.columns, options.rows);
	const terminal = new TerminalSize({columns: options.columns, rows: options.rows});
	let outputMs = 0;
	const instance = render(
		<ColorContext.Provider value>
			<App store={store} terminal={terminal} quit={() => {}} />
		</ColorContext.Provider>,
		{
			stdout: stdout as never,
			stdin: new NullInput() as never,
			patchConsole: false,
			exitOnCtrlC: false,
			maxFps: 1000,
			onRender: ({renderTime}) => {
				outputMs += renderTime;
			},
		},
	);
	const times: number[] = [];
	const outputTimes: number[] = [];
	const fallbacksBefore = fastOutputStats()?.fallback ?? 0;
	const warmup = 5;
	for (let frame = 0; frame < options.frames + warmup; frame++) {
		sim.stepSync(2000);
		await new Promise(resolve => setTimeout(resolve, 2));
		outputMs = 0;
		const started = performance.now();
		store.publish();
		// React commits the new snapshot in a microtask and Ink draws in the commit: wait past both.
		await new Promise(resolve => setImmediate(resolve));
		if (frame >= warmup) {
			times.push(performance.now() - started);
			outputTimes.push(outputMs);
		}
	}
	instance.unmount();
	store.stop();
	times.sort((a, b) => a - b);
	outputTimes.sort((a, b) => a - b);
	return {
		medianMs: percentile(times, 0.5),
		p95Ms: percentile(times, 0.95),
		inkOutputMs: percentile(outputTimes, 0.5),
		blankMs: await blankFrameMs(options),
		outputStep: fastOutputStats() === undefined ? 'ink' : 'memsim',
		outputFallbacks: (fastOutputStats()?.fallback ?? 0) - fallbacksBefore,
	};
}

/** Ink's own cost of writing an empty frame of this size: the floor under any dashboard frame. */
async function blankFrameMs(options: BenchFrameOptions): Promise<number> {
	const times: number[] = [];
	const Blank = ({frame}: {frame: number}) => <Box key={frame} height={options.rows - 1} width={options.columns} />;
	const instance = render(<Blank frame={0} />, {
		stdout: new NullTerminal(options.columns, options.rows) as never,
		stdin: new NullInput() as never,
		patchConsole: false,
		exitOnCtrlC: false,
		maxFps: 1000,
		onRender: ({renderTime}) => times.push(renderTime),
	});
	for (let frame = 1; frame <= options.frames; frame++) {
		await new Promise(resolve => setTimeout(resolve, 2));
		instance.rerender(<Blank frame={frame} />);
	}
	await new Promise(resolve => setTimeout(resolve, 5));
	instance.unmount();
	times.sort((a, b) => a - b);
	return percentile(times, 0.5);
}

export interface BenchSpeedOptions {
	readonly workload?: string;
	readonly columns?: number;
	readonly rows?: number;
	readonly seconds?: number;
}

function leakySimulation(workload: string): Simulation {
	return new Simulation(findGenerator(workload)!.create({seed: 1}), {params: {...defaultParams}, now: () => performance.now()});
}

/**
 * Simulation speed with the dashboard open at full pace, against the same workload headless, in
 * events per wall-clock second (the dashboard drawing into an off-screen terminal of the given size).
 */
export async function benchSpeed(options: BenchSpeedOptions = {}): Promise<{headless: number; dashboard: number; ratio: number}> {
	const {workload = 'leaky', columns = 120, rows = 40, seconds = 5} = options;
	const headlessSim = leakySimulation(workload);
	let started = performance.now();
	while (performance.now() - started < seconds * 1000) {
		headlessSim.stepSync(8192);
		// The headless run yields as `runToEnd` does between batches.
		if (headlessSim.eventNumber % (8192 * 16) === 0) await new Promise(resolve => setImmediate(resolve));
	}
	const headless = headlessSim.eventNumber / ((performance.now() - started) / 1000);

	const sim = leakySimulation(workload);
	const store = new DashboardStore(sim, {readHost: null});
	const instance = render(
		<ColorContext.Provider value>
			<App store={store} terminal={new TerminalSize({columns, rows})} quit={() => {}} />
		</ColorContext.Provider>,
		{stdout: new NullTerminal(columns, rows) as never, stdin: new NullInput() as never, patchConsole: false, exitOnCtrlC: false, maxFps: 60},
	);
	for (let i = 0; i < maxSpeed; i++) store.faster();
	started = performance.now();
	store.start();
	await new Promise(resolve => setTimeout(resolve, seconds * 1000));
	const dashboard = sim.eventNumber / ((performance.now() - started) / 1000);
	store.stop();
	instance.unmount();
	return {headless, dashboard, ratio: dashboard / headless};
}
