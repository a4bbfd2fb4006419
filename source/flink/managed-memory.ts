import {FlinkConfiguration} from './configuration.js';
import {FlinkConfigError} from './errors.js';
import {TaskManagerOptions as TM} from './options.js';

/**
 * What a simulated managed-memory heap needs besides its total size: the page (memory segment) size the
 * MemoryManager allocates in, and how a slot's managed memory is shared between consumer kinds.
 */

/** `taskmanager.memory.segment-size` in bytes (default 32kb), checked as Flink checks it. */
export function readSegmentSize(entries: ReadonlyMap<string, string>): bigint {
	return readPageSize(new FlinkConfiguration(entries));
}

/**
 * ConfigurationParserUtils.getPageSize: `taskmanager.memory.segment-size` (default 32kb), which must be a
 * power of two of at least 4096 bytes and fit a Java int. It is the size of each network buffer and of each
 * managed memory page.
 */
export function readPageSize(config: FlinkConfiguration): bigint {
	const size = config.getMemorySize(TM.segmentSize);
	const invalid = (why: string): FlinkConfigError =>
		new FlinkConfigError(`Invalid configuration value for ${TM.segmentSize.key} : ${size} - ${why}`, [TM.segmentSize.key]);
	if (size > 2147483647n) throw invalid('Memory segment size must fit in an int.');
	if (size < 4096n) throw invalid('Minimum memory segment size is 4096');
	if ((size & (size - 1n)) !== 0n) throw invalid('Memory segment size must be a power of 2.');
	return size;
}

export type ManagedMemoryUseCase = 'OPERATOR' | 'STATE_BACKEND' | 'PYTHON';

/** Consumer names per use case, in Flink's fallback order (DATAPROC is the deprecated shared name). */
const USE_CASE_CONSUMER_NAMES: ReadonlyArray<[ManagedMemoryUseCase, readonly string[]]> = [
	['OPERATOR', ['OPERATOR', 'DATAPROC']],
	['STATE_BACKEND', ['STATE_BACKEND', 'DATAPROC']],
	['PYTHON', ['PYTHON']],
];

const DEFAULT_CONSUMER_WEIGHTS = 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30';

/**
 * ManagedMemoryUtils.getManagedMemoryUseCaseWeightsFromConfig: the weight of each use case from
 * `taskmanager.memory.managed.consumer-weights` (`OPERATOR:70,STATE_BACKEND:70,PYTHON:30` by default).
 * A use case with no weight is left out, as Flink leaves it out (its consumers then get nothing).
 * The option may also come flattened from a nested YAML map (`...consumer-weights.OPERATOR: 70`).
 */
export function readManagedMemoryConsumerWeights(entries: ReadonlyMap<string, string>): Map<ManagedMemoryUseCase, number> {
	const key = TM.consumerWeightsKey;
	const configured = parseMapOption(entries, key);
	const effective = new Map<ManagedMemoryUseCase, number>();
	for (const [useCase, names] of USE_CASE_CONSUMER_NAMES) {
		const name = names.find(candidate => configured.has(candidate));
		if (name === undefined) continue;
		const text = configured.get(name)!.trim();
		const weight = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
		if (!Number.isSafeInteger(weight) || Math.abs(weight) > 2147483647) {
			throw new FlinkConfigError(`Could not parse value '${text}' for key '${key}' (weight of ${name}).`, [key]);
		}
		if (weight < 0) {
			throw new FlinkConfigError(
				`Managed memory weight should not be negative. Configured weight for ${useCase} is ${weight}. Options involved: ${key}.`,
				[key],
			);
		}
		effective.set(useCase, weight);
	}
	return effective;
}

/** A Flink map option: `K1:V1,K2:V2` text, or sub-keys `key.K1`, `key.K2` from a nested YAML map. */
function parseMapOption(entries: ReadonlyMap<string, string>, key: string): Map<string, string> {
	const nested = new Map<string, string>();
	for (const [entryKey, value] of entries) {
		if (entryKey.startsWith(`${key}.`)) nested.set(entryKey.slice(key.length + 1), value);
	}
	const text = entries.get(key);
	if (text === undefined && nested.size > 0) return nested;
	const result = new Map<string, string>();
	for (const pair of (text ?? DEFAULT_CONSUMER_WEIGHTS).split(',')) {
		if (pair.trim() === '') continue;
		const colon = pair.indexOf(':');
		if (colon < 0) throw new FlinkConfigError(`Could not parse value '${text}' for key '${key}': expected NAME:WEIGHT pairs.`, [key]);
		result.set(pair.slice(0, colon).trim(), pair.slice(colon + 1).trim());
	}
	return result;
}
