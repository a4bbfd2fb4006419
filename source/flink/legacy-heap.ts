import {FlinkConfiguration, type IntegerOption, type MemoryOption} from './configuration.js';
import {FlinkConfigError} from './errors.js';

/**
 * MemoryBackwardsCompatibilityUtils: Flink 1.x still honours the pre-1.10 heap options
 * (`taskmanager.heap.size` / `.mb`, `jobmanager.heap.size` / `.mb`) by copying them onto a new option when
 * that option is not set. Standalone start scripts map the TaskManager's to Total Flink Memory and the
 * JobManager's to its JVM heap; that is what this calculator models. (The FLINK_TM_HEAP / FLINK_JM_HEAP
 * environment variables are not read: the result depends only on the configuration given.)
 */
export function mapLegacyHeap(
	entries: ReadonlyMap<string, string>,
	legacy: {readonly heap: MemoryOption; readonly heapMb: IntegerOption},
	target: MemoryOption,
): ReadonlyMap<string, string> {
	const config = new FlinkConfiguration(entries);
	if (config.contains(target)) return entries;
	let value: string | undefined;
	if (config.contains(legacy.heap)) {
		config.getMemorySize(legacy.heap); // refuse a malformed size under its own key
		value = config.resolve(legacy.heap)!.value;
	} else if (config.contains(legacy.heapMb)) {
		const megabytes = config.getInteger(legacy.heapMb);
		if (megabytes < 0) {
			throw new FlinkConfigError(
				`Configured total process memory size (${megabytes}MB) must not be less than 0. Options involved: ${legacy.heapMb.key}: ${megabytes}.`,
				[legacy.heapMb.key],
			);
		}
		value = `${megabytes}m`;
	}
	if (value === undefined) return entries;
	const mapped = new Map(entries);
	mapped.set(target.key, value);
	return mapped;
}
