import type {Command} from 'commander';
import {InputError} from '../engine/input-error.js';
import {parseIntegerInRange, type SimulationParams} from '../engine/params.js';
import type {WorkloadSource} from '../engine/workload-source.js';
import {prepareFlinkRun, type FlinkRun} from '../flink/sim/flink-run.js';

/** `memsim run --flink [--conf FILE] [-D key=value ...] [--slots N]`. */
export interface FlinkRunOptionValues {
	flink?: boolean;
	conf?: string;
	define?: string[];
	slots?: string;
	heap?: string;
	align?: string;
	minBlock?: string;
	header?: string;
}

function collect(value: string, previous: string[] = []): string[] {
	return [...previous, value];
}

export function addFlinkRunOptions(command: Command): Command {
	return command
		.option('--flink', "simulate a Flink TaskManager's managed memory: pages, slots, consumer weights, network buffers")
		.option('--conf <file>', 'with --flink: flink-conf.yaml or config.yaml (a directory: its config.yaml, else flink-conf.yaml)')
		.option('-D, --define <key=value>', 'with --flink: set a Flink configuration option, repeatable; wins over --conf', collect)
		.option('--slots <n>', 'with --flink: task slots (default taskmanager.numberOfTaskSlots, else 1)');
}

/** The heap options a `--flink` run sets itself from the configuration. */
const heapOptions = [
	['heap', '--heap', 'taskmanager.memory.managed.size (or .fraction)'],
	['align', '--align', 'taskmanager.memory.segment-size'],
	['minBlock', '--min-block', 'taskmanager.memory.segment-size'],
	['header', '--header', 'nothing: pages have no header'],
] as const;

/** The Flink run the options ask for, or undefined without `--flink`; bad combinations exit 2. */
export async function flinkRunFor(options: FlinkRunOptionValues, source: WorkloadSource, params: SimulationParams): Promise<FlinkRun | undefined> {
	if (!options.flink) {
		const stray = [options.conf !== undefined && '--conf', (options.define?.length ?? 0) > 0 && '-D', options.slots !== undefined && '--slots'].filter(Boolean);
		if (stray.length > 0) throw new InputError(`${stray.join(', ')}: only with --flink`);
		return undefined;
	}
	for (const [key, flag, instead] of heapOptions) {
		if (options[key] !== undefined) {
			throw new InputError(`${flag}: a --flink heap is the TaskManager's managed memory in pages; set ${instead} instead`);
		}
	}
	const slots = options.slots === undefined ? undefined : parseIntegerInRange(options.slots, '--slots', 1, 4096);
	// The configuration reader lives with `memsim flink` (it reads files); loaded only for a Flink run.
	const {readConfiguration} = await import('./flink.js');
	const entries = readConfiguration({conf: options.conf, define: options.define ?? []});
	return prepareFlinkRun(entries, slots, source, params);
}
