import {type ConfigOption, type FlinkConfiguration, type FloatOption, type MemoryOption} from './configuration.js';
import {FlinkConfigError} from './errors.js';
import {rejected} from './rejection.js';
import {addSizes, subtractSize, toHumanReadableString} from './memory-size.js';
import {derivedSource, fractionSource, optionSource, type PartSource} from './part-source.js';
import {deriveWithFraction, deriveWithInverseFraction, readRangeFraction, type RangeFraction} from './range-fraction.js';

/**
 * The part of the model both processes share (Flink's ProcessMemoryUtils): Total Process Memory is
 * Total Flink Memory + JVM Metaspace + JVM Overhead. Which way round it is computed depends on what is
 * configured, checked in Flink's order:
 *   1. the required fine-grained options (TM: task heap and managed; JM: heap) → Total Flink is their sum;
 *   2. Total Flink Memory;
 *   3. Total Process Memory → metaspace and overhead first, Total Flink is the rest.
 * The process-specific split of Total Flink Memory is delegated to a FlinkMemoryDeriver.
 */

export interface ProcessMemoryOptions {
	readonly requiredFineGrained: readonly MemoryOption[];
	readonly totalFlink: MemoryOption;
	readonly totalProcess: MemoryOption;
	readonly metaspace: MemoryOption;
	readonly overheadMin: MemoryOption;
	readonly overheadMax: MemoryOption;
	readonly overheadFraction: FloatOption;
}

export type DerivationPath = 'fine-grained' | 'total-flink' | 'total-process';

/**
 * How Total Flink Memory was obtained when a deriver splits it: the options behind it, so a message
 * saying "exceed configured Total Flink Memory" can name process.size when that is what was configured.
 */
export interface TotalFlinkBasis {
	readonly bytes: bigint;
	readonly options: readonly ConfigOption[];
}

export interface FlinkMemoryDeriver<FM> {
	fromRequiredFineGrained(config: FlinkConfiguration): FM;
	fromTotalFlink(config: FlinkConfiguration, totalFlink: TotalFlinkBasis): FM;
	totalFlinkOf(memory: FM): bigint;
}

export interface ProcessMemory<FM> {
	readonly flink: FM;
	readonly metaspace: bigint;
	readonly overhead: bigint;
	readonly totalFlink: bigint;
	readonly totalProcess: bigint;
	readonly path: DerivationPath;
	readonly sources: {
		readonly metaspace: PartSource;
		readonly overhead: PartSource;
		readonly totalFlink: PartSource;
		readonly totalProcess: PartSource;
	};
}

interface JvmParts {
	readonly metaspace: bigint;
	readonly overhead: bigint;
	readonly overheadSource: PartSource;
}

/** ProcessMemoryUtils.memoryProcessSpecFromConfig. */
export function deriveProcessMemory<FM>(
	config: FlinkConfiguration,
	options: ProcessMemoryOptions,
	deriver: FlinkMemoryDeriver<FM>,
): ProcessMemory<FM> {
	const metaspaceSource = optionSource(config, options.metaspace);
	if (options.requiredFineGrained.every(option => config.contains(option))) {
		const flink = deriver.fromRequiredFineGrained(config);
		const totalFlink = deriver.totalFlinkOf(flink);
		const jvm = deriveJvmFromTotalFlink(config, options, totalFlink);
		return assemble(flink, totalFlink, jvm, 'fine-grained', metaspaceSource, {
			key: options.totalFlink.key,
			how: 'sum of its parts',
		});
	}
	if (config.contains(options.totalFlink)) {
		const totalFlink = config.getMemorySize(options.totalFlink);
		const flink = deriver.fromTotalFlink(config, {bytes: totalFlink, options: [options.totalFlink]});
		const jvm = deriveJvmFromTotalFlink(config, options, totalFlink);
		return assemble(flink, totalFlink, jvm, 'total-flink', metaspaceSource, optionSource(config, options.totalFlink));
	}
	if (config.contains(options.totalProcess)) {
		const totalProcess = config.getMemorySize(options.totalProcess);
		const jvm = deriveJvmWithTotalProcess(config, options, totalProcess);
		const totalFlink = subtractSize(totalProcess, addSizes(jvm.metaspace, jvm.overhead));
		const flink = deriver.fromTotalFlink(config, {
			bytes: totalFlink,
			options: [options.totalProcess, options.metaspace, options.overheadMin, options.overheadMax, options.overheadFraction],
		});
		return assemble(
			flink,
			totalFlink,
			jvm,
			'total-process',
			metaspaceSource,
			derivedSource(options.totalFlink.key, 'Total Process − Metaspace − Overhead'),
		);
	}
	const fineGrained = options.requiredFineGrained.map(option => option.key);
	throw new FlinkConfigError(
		`Either required fine-grained memory (${fineGrained.join(' and ')}), or Total Flink Memory size ` +
			`(${options.totalFlink.key}), or Total Process Memory size (${options.totalProcess.key}) need to be configured explicitly.`,
		[...fineGrained, options.totalFlink.key, options.totalProcess.key],
	);

	function assemble(
		flink: FM,
		totalFlink: bigint,
		jvm: JvmParts,
		path: DerivationPath,
		metaspace: PartSource,
		totalFlinkSource: PartSource,
	): ProcessMemory<FM> {
		const totalProcessSource = config.contains(options.totalProcess)
			? optionSource(config, options.totalProcess)
			: {key: options.totalProcess.key, how: 'Total Flink + Metaspace + Overhead'};
		return {
			flink,
			metaspace: jvm.metaspace,
			overhead: jvm.overhead,
			totalFlink,
			totalProcess: addSizes(totalFlink, jvm.metaspace, jvm.overhead),
			path,
			sources: {metaspace, overhead: jvm.overheadSource, totalFlink: totalFlinkSource, totalProcess: totalProcessSource},
		};
	}
}

/** Total Process Memory is given: overhead is its fraction, Total Flink Memory is what is left. */
function deriveJvmWithTotalProcess(
	config: FlinkConfiguration,
	options: ProcessMemoryOptions,
	totalProcess: bigint,
): JvmParts {
	const metaspace = config.getMemorySize(options.metaspace);
	const range = overheadRange(config, options);
	const derived = deriveWithFraction(totalProcess, range);
	if (addSizes(metaspace, derived.bytes) > totalProcess) {
		throw rejected(
			config,
			`Sum of configured JVM Metaspace (${toHumanReadableString(metaspace)}) and JVM Overhead ` +
				`(${toHumanReadableString(derived.bytes)}) exceed configured Total Process Memory (${toHumanReadableString(totalProcess)}).`,
			[options.totalProcess, options.metaspace, options.overheadMin, options.overheadMax, options.overheadFraction],
		);
	}
	return {
		metaspace,
		overhead: derived.bytes,
		overheadSource: fractionSource(config, derived, range, 'Total Process'),
	};
}

/**
 * Total Flink Memory is known: overhead is the rest of a configured Total Process Memory (and must lie in
 * its range), or else the fraction it would be of the total it makes up (inverse fraction).
 */
function deriveJvmFromTotalFlink(config: FlinkConfiguration, options: ProcessMemoryOptions, totalFlink: bigint): JvmParts {
	const metaspace = config.getMemorySize(options.metaspace);
	const totalFlinkAndMetaspace = addSizes(totalFlink, metaspace);
	if (!config.contains(options.totalProcess)) {
		const range = overheadRange(config, options);
		const derived = deriveWithInverseFraction(totalFlinkAndMetaspace, range);
		return {
			metaspace,
			overhead: derived.bytes,
			overheadSource: fractionSource(config, derived, range, 'Total Process', true),
		};
	}
	const totalProcess = config.getMemorySize(options.totalProcess);
	const conflicting = [options.totalProcess, options.totalFlink, ...options.requiredFineGrained, options.metaspace];
	if (totalProcess < totalFlinkAndMetaspace) {
		// Flink's text has the double space before the parenthesis.
		throw rejected(
			config,
			`The configured Total Process Memory size (${toHumanReadableString(totalProcess)}) is less than the sum of the derived ` +
				`Total Flink Memory size (${toHumanReadableString(totalFlink)}) and the configured or default JVM Metaspace size  ` +
				`(${toHumanReadableString(metaspace)}).`,
			conflicting,
		);
	}
	const overhead = totalProcess - totalFlinkAndMetaspace;
	const range = overheadRange(config, options);
	if (overhead > range.max || overhead < range.min) {
		const involved = [...conflicting, options.overheadMin, options.overheadMax];
		throw rejected(
			config,
			`Derived JVM Overhead size (${toHumanReadableString(overhead)}) is not in configured JVM Overhead range ` +
				`[${toHumanReadableString(range.min)}, ${toHumanReadableString(range.max)}].`,
			involved,
		);
	}
	return {
		metaspace,
		overhead,
		overheadSource: derivedSource(options.totalProcess.key, 'Total Process − Total Flink − Metaspace'),
	};
}

function overheadRange(config: FlinkConfiguration, options: ProcessMemoryOptions): RangeFraction {
	return readRangeFraction(config, {min: options.overheadMin, max: options.overheadMax, fraction: options.overheadFraction});
}
