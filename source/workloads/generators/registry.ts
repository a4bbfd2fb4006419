import type {GeneratorOptions, GeneratorSource} from './generator-source.js';
import {CacheEvictionWorkload} from './cache-eviction.js';
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
];

export function findGenerator(name: string): GeneratorEntry | undefined {
	return generators.find((entry) => entry.name === name);
}

export function generatorNames(): string[] {
	return generators.map((entry) => entry.name);
}
