import {defaultTextOf, describeOption, type ConfigOption, type FlinkConfiguration} from './configuration.js';
import {FlinkConfigError} from './errors.js';

/**
 * A configuration Flink refuses: Flink's reason, followed by the options involved with their values
 * (`Options involved: taskmanager.memory.flink.size: 499m, ...framework.off-heap.size: default 128m.`).
 * Options that are neither set nor defaulted play no part in the failure and are left out of the list.
 */
export function rejected(config: FlinkConfiguration, reason: string, options: readonly ConfigOption[]): FlinkConfigError {
	const unique = [...new Map(options.map(option => [option.key, option])).values()].filter(
		option => config.contains(option) || defaultTextOf(option) !== undefined,
	);
	const involved = `Options involved: ${unique.map(option => describeOption(config, option)).join(', ')}.`;
	return new FlinkConfigError(reason, unique.map(option => option.key), involved);
}
