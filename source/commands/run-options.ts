import {type Command, Option} from 'commander';
import {parseChange, type ScheduledChange} from '../engine/changes.js';
import {InputError} from '../engine/input-error.js';
import {
	defaultParams,
	parseCapacity,
	parseChoice,
	parseIntegerInRange,
	parseSize,
	type SimulationParams,
} from '../engine/params.js';
import {parseOwners, parsePartition, parseQuotas, validateQuotaPlan} from '../engine/partition/quotas.js';
import {addCollectorOptions, applyCollectorOptions, type CollectorOptionValues} from './collector-options.js';
import {findStrategy} from '../engine/strategies/registry.js';
import {parseTunerEpoch, parseTunerMode} from '../engine/tuner/registry.js';

/** The options every command that runs a simulation accepts (run, replay's overrides, compare). */
export interface RunOptionValues extends CollectorOptionValues {
	workload?: string;
	trace?: string;
	strategy?: string;
	heap?: string;
	align?: string;
	header?: string;
	minBlock?: string;
	splitThreshold?: string;
	coalescing?: string;
	sizeClasses?: string;
	seed?: string;
	events?: string;
	check?: boolean;
	change?: string[];
	partition?: string;
	quota?: string;
	owners?: string;
	tuner?: string;
	tunerEpoch?: string;
}

function collect(value: string, previous: string[] = []): string[] {
	return [...previous, value];
}

/** Add the simulation parameters as options; defaults live in the engine's `defaultParams`. */
export function addSimulationOptions(command: Command): Command {
	command
		.option('--strategy <name>', `placement strategy (default ${defaultParams.strategy}; see 'memsim strategies')`)
		.option('--heap <size>', "heap capacity (64m, 512k, 1g, bytes) or 'grow' for an sbrk-style heap (default 64m)")
		.option('--align <bytes>', 'block alignment (default 8)')
		.option('--header <bytes>', 'per-block header overhead (default 0; 8 models boundary tags)')
		.option('--min-block <bytes>', 'smallest block (default 8)')
		.option('--split-threshold <bytes>', 'a smaller remainder stays in the block as internal fragmentation (default 8)')
		.addOption(new Option('--coalescing <mode>', 'when adjacent free blocks merge').choices(['immediate', 'deferred', 'none']))
		.option('--size-classes <list>', "segregated's size classes, comma-separated upper bounds in bytes")
		.option('--check', 'run the heap invariant checker after every event (slow)')
		.option('--change <event:key=value>', 'apply a parameter change or action after an event number (repeatable)', collect)
		.addOption(new Option('--partition <mode>', 'how owners share the heap: one pool, fixed quotas, or quotas that lend idle space (default shared)').choices(['shared', 'static', 'elastic']))
		.option('--quota <owner=size,...>', 'quota per owner name (static and elastic partitions)')
		.option('--owners <n>', 'equal shares of the heap for the first N owners seen (static and elastic partitions)')
		.addOption(new Option('--tuner <mode>', 'adaptive tuner: watches the metrics every epoch and changes strategy, compaction, GC trigger, partition (default off)').choices(['off', 'rules', 'bandit']))
		.option('--tuner-epoch <events>', `events between the tuner's looks at the metrics (default ${defaultParams.tunerEpoch})`);
	addCollectorOptions(command);
	return command;
}

export function addWorkloadOptions(command: Command): Command {
	return command
		.option('--workload <name>', "synthetic workload (see 'memsim workloads')")
		.option('--trace <file>', 'trace file: memtrace, malloc-lab .rep or valgrind --trace-malloc log (.gz read too)')
		.option('--seed <n>', 'seed of the synthetic workload (default 1)')
		.option('--events <n>', 'length of a synthetic workload in events');
}

function integer(text: string | undefined, what: string, fallback: number, min: number, max: number): number {
	return text === undefined ? fallback : parseIntegerInRange(text, what, min, max);
}

export function buildParams(values: RunOptionValues, base: SimulationParams = defaultParams): SimulationParams {
	const params: SimulationParams = {...base};
	if (values.strategy !== undefined) params.strategy = findStrategy(values.strategy).name;
	if (values.heap !== undefined) params.capacity = parseCapacity(values.heap);
	params.align = integer(values.align, '--align', params.align, 1, 1 << 20);
	if ((params.align & (params.align - 1)) !== 0) throw new InputError(`--align: ${params.align} is not a power of two`);
	params.header = integer(values.header, '--header', params.header, 0, 1 << 20);
	if (values.minBlock !== undefined) params.minBlock = parseSize(values.minBlock, '--min-block');
	if (values.splitThreshold !== undefined) params.splitThreshold = parseSize(values.splitThreshold, '--split-threshold');
	if (values.coalescing !== undefined) {
		params.coalescing = parseChoice(values.coalescing, '--coalescing', ['immediate', 'deferred', 'none'] as const);
	}
	if (values.sizeClasses !== undefined) params.sizeClasses = parseSizeClasses(values.sizeClasses);
	if (values.check) params.check = true;
	if (values.partition !== undefined) params.partition = parsePartition(values.partition);
	if (values.quota !== undefined) params.quotas = parseQuotas(values.quota);
	if (values.owners !== undefined) params.owners = parseOwners(values.owners);
	// Parameters from a session recorded before partitions existed lack these keys.
	validateQuotaPlan({mode: params.partition ?? 'shared', quotas: params.quotas ?? {}, owners: params.owners ?? 0, capacity: params.capacity});
	if (values.tuner !== undefined) params.tuner = parseTunerMode(values.tuner);
	if (values.tunerEpoch !== undefined) params.tunerEpoch = parseTunerEpoch(values.tunerEpoch);
	applyCollectorOptions(values, params);
	return params;
}

function parseSizeClasses(text: string): number[] {
	const classes = text.split(',').map(part => parseSize(part, '--size-classes'));
	for (let i = 1; i < classes.length; i++) {
		if (classes[i]! <= classes[i - 1]!) throw new InputError(`--size-classes: classes must ascend ('${text}')`);
	}
	return classes;
}

export function buildChanges(values: RunOptionValues): ScheduledChange[] {
	return (values.change ?? []).map(parseChange);
}

export function parseSeed(text: string | undefined): number {
	return integer(text, '--seed', 1, 0, 2 ** 32 - 1);
}

export function parseEvents(text: string | undefined): number | undefined {
	return text === undefined ? undefined : parseIntegerInRange(text, '--events', 1, Number.MAX_SAFE_INTEGER);
}
