import type {GeneratorOptions, GeneratorSource} from './generator-source.js';
import {CacheEvictionWorkload} from './cache-eviction.js';
import {FlinkBatchSortWorkload} from './flink-batch-sort.js';
import {FlinkHashJoinWorkload} from './flink-hash-join.js';
import {FlinkNetworkWorkload} from './flink-network.js';
import {FlinkWindowNoTtlWorkload} from './flink-window-nottl.js';
import {FlinkWindowWorkload} from './flink-window.js';
import {FragmenterWorkload} from './fragmenter.js';
import {LeakyWorkload} from './leaky.js';
import {ListenerLeakWorkload} from './listener-leak.js';
import {LostBuffersWorkload} from './lost-buffers.js';
import {PhasedWorkload} from './phased.js';
import {TaskLeakWorkload} from './task-leak.js';
import {TreeChurnWorkload} from './tree-churn.js';
import {UniformWorkload} from './uniform.js';

export interface GeneratorEntry {
	readonly name: string;
	/** One line for `memsim workloads` and the dashboard's workload picker. */
	readonly description: string;
	readonly create: (options: GeneratorOptions) => GeneratorSource;
}

/** Every synthetic workload, in the order `memsim workloads` lists them: block-only shapes first, then object graphs. */
export const generators: readonly GeneratorEntry[] = [
	{
		name: 'uniform',
		description: 'random sizes (16 B to 4 KiB) and exponential lifetimes; healthy',
		create: (options) => new UniformWorkload(options),
	},
	{
		name: 'phased',
		description: 'builds a structure, then tears it all down, phase after phase; healthy',
		create: (options) => new PhasedWorkload(options),
	},
	{
		name: 'fragmenter',
		description: 'small and large blocks interleaved, then the large ones freed: many small holes; healthy',
		create: (options) => new FragmenterWorkload(options),
	},
	{
		name: 'leaky',
		description: 'a server whose metrics.label site slowly allocates blocks it never frees',
		create: (options) => new LeakyWorkload(options),
	},
	{
		name: 'tree-churn',
		description: 'element trees built under document roots, visited, dropped and freed; healthy graph',
		create: (options) => new TreeChurnWorkload(options),
	},
	{
		name: 'cache-eviction',
		description: 'an LRU cache at capacity: hits touch entries, misses insert and evict; healthy graph',
		create: (options) => new CacheEvictionWorkload(options),
	},
	{
		name: 'listener-leak',
		description: 'listeners registered on an event bus and forgotten: reachable, never touched or freed',
		create: (options) => new ListenerLeakWorkload(options),
	},
	{
		name: 'lost-buffers',
		description: 'frame buffers whose last reference is dropped but which are never freed: unreachable',
		create: (options) => new LostBuffersWorkload(options),
	},
	{
		name: 'task-leak',
		description: 'worker tasks as owners; the import task ends still holding batches it registered',
		create: (options) => new TaskLeakWorkload(options),
	},
	// Flink-shaped jobs: owners slot<i>/<task>, sizes in pages; `memsim run --flink` gives them a TaskManager.
	{name: 'flink-window', description: 'Flink keyed tumbling windows: state grows in each window, purged when it fires; healthy', create: (options) => new FlinkWindowWorkload(options)},
	{name: 'flink-window-nottl', description: 'Flink keyed state without TTL: new keys keep coming and window.state grows for good', create: (options) => new FlinkWindowNoTtlWorkload(options)},
	{name: 'flink-batch-sort', description: 'Flink batch sorters fill their managed memory share, spill, merge, release; healthy', create: (options) => new FlinkBatchSortWorkload(options)},
	{name: 'flink-hash-join', description: 'Flink hash join: build side pages, probe, release; spills when the build side does not fit', create: (options) => new FlinkHashJoinWorkload(options)},
	{name: 'flink-network', description: 'Flink shuffles: input gates and result partitions asking the network buffer pool for buffers', create: (options) => new FlinkNetworkWorkload(options)},
];

export function findGenerator(name: string): GeneratorEntry | undefined {
	return generators.find((entry) => entry.name === name);
}

export function generatorNames(): string[] {
	return generators.map((entry) => entry.name);
}
