import {InputError} from '../engine/input-error.js';
import type {WorkloadSource} from '../engine/workload-source.js';
import {generators} from '../workloads/generators/registry.js';
import {openTrace} from '../workloads/open-trace.js';

/** The workload `npm start` and a bare `memsim` play. */
export const defaultWorkload = 'leaky';
/** A synthetic workload run headless without `--events` stops here rather than running forever. */
export const defaultHeadlessEvents = 200_000;

export interface WorkloadChoice {
	readonly workload?: string;
	readonly trace?: string;
	readonly seed: number;
	/** Length of a synthetic workload; undefined = endless. */
	readonly events?: number;
}

export function generatorNames(): string[] {
	return generators.map(g => g.name);
}

export function findGenerator(name: string): (typeof generators)[number] {
	const found = generators.find(g => g.name === name);
	if (!found) throw new InputError(`unknown workload '${name}' (valid: ${generatorNames().join(', ')}; or --trace FILE)`);
	return found;
}

/** Open the trace or build the generator the options name; errors are InputErrors ready to print. */
export async function openWorkload(choice: WorkloadChoice): Promise<WorkloadSource> {
	if (choice.trace !== undefined && choice.workload !== undefined) {
		throw new InputError('give either --workload NAME or --trace FILE, not both');
	}
	if (choice.trace !== undefined) return openTrace(choice.trace);
	const generator = findGenerator(choice.workload ?? defaultWorkload);
	return generator.create({seed: choice.seed, events: choice.events});
}
