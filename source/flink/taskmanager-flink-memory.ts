import type {ConfigOption, FlinkConfiguration} from './configuration.js';
import {FlinkConfigError} from './errors.js';
import {LONG_MAX, addSizes, subtractSize, toHumanReadableString} from './memory-size.js';
import {TaskManagerOptions as TM} from './options.js';
import {derivedSource, fractionSource, optionSource, type PartSource} from './part-source.js';
import type {FlinkMemoryDeriver, TotalFlinkBasis} from './process-memory.js';
import {
	deriveWithFraction,
	deriveWithInverseFraction,
	readFixedRangeFraction,
	readRangeFraction,
	type RangeFraction,
} from './range-fraction.js';
import {rejected} from './rejection.js';
import {readPageSize} from './managed-memory.js';

/**
 * How a TaskManager splits Total Flink Memory (Flink's TaskExecutorFlinkMemoryUtils): framework heap,
 * task heap, managed, framework off-heap, task off-heap and network. Managed and network are fractions of
 * Total Flink Memory unless sized explicitly; task heap is the rest unless configured, in which case
 * network is the rest and must still fit its min/max.
 * (Flink ends both derivations with sanityCheckTotalFlinkMemory; every path here makes the parts add up to
 * the configured total by construction, so that check cannot fail and is not repeated.)
 */
export interface TaskExecutorFlinkMemory {
	readonly frameworkHeap: bigint;
	readonly taskHeap: bigint;
	readonly managed: bigint;
	readonly network: bigint;
	readonly frameworkOffHeap: bigint;
	readonly taskOffHeap: bigint;
	readonly sources: Readonly<Record<'frameworkHeap' | 'taskHeap' | 'managed' | 'network' | 'frameworkOffHeap' | 'taskOffHeap', PartSource>>;
}

export const taskExecutorFlinkMemoryDeriver: FlinkMemoryDeriver<TaskExecutorFlinkMemory> = {
	fromRequiredFineGrained(config) {
		const taskHeap = config.getMemorySize(TM.taskHeap);
		const managed = config.getMemorySize(TM.managedSize);
		const fixed = readFixedParts(config);
		const withoutNetwork = addSizes(fixed.frameworkHeap, fixed.frameworkOffHeap, taskHeap, fixed.taskOffHeap, managed);
		let network: bigint;
		let networkSource: PartSource;
		if (config.contains(TM.totalFlink)) {
			// Total Flink Memory is configured too: network is what the configured parts leave.
			const totalFlink = config.getMemorySize(TM.totalFlink);
			const basis = {bytes: totalFlink, options: [TM.totalFlink]};
			checkFitsWithTaskHeap(config, fixed, taskHeap, managed, [TM.managedSize], basis, withoutNetwork);
			network = totalFlink - withoutNetwork;
			checkDerivedNetwork(config, network, basis);
			networkSource = derivedSource(TM.networkMin.key, 'rest of Total Flink (within min/max)');
		} else if (isUsingLegacyNetworkBuffers(config)) {
			network = legacyNetworkSize(config);
			networkSource = legacyNetworkSource(config);
		} else {
			// Network is the fraction of a total that includes it: solve from the other parts.
			const range = networkRange(config);
			const derived = deriveWithInverseFraction(withoutNetwork, range);
			network = derived.bytes;
			networkSource = fractionSource(config, derived, range, 'Total Flink', true);
		}
		return {
			...fixed,
			taskHeap,
			managed,
			network,
			sources: {
				...fixed.sources,
				taskHeap: optionSource(config, TM.taskHeap),
				managed: optionSource(config, TM.managedSize),
				network: networkSource,
			},
		};
	},

	fromTotalFlink(config, basis) {
		const fixed = readFixedParts(config);
		const whole = 'Total Flink';
		if (config.contains(TM.taskHeap)) {
			// Task heap is configured: managed as usual, network is the rest and must fit its range.
			const taskHeap = config.getMemorySize(TM.taskHeap);
			const managed = deriveManaged(config, basis.bytes);
			const withoutNetwork = addSizes(fixed.frameworkHeap, fixed.frameworkOffHeap, taskHeap, fixed.taskOffHeap, managed.bytes);
			checkFitsWithTaskHeap(config, fixed, taskHeap, managed.bytes, managed.options, basis, withoutNetwork);
			const network = basis.bytes - withoutNetwork;
			checkDerivedNetwork(config, network, basis);
			return {
				...fixed,
				taskHeap,
				managed: managed.bytes,
				network,
				sources: {
					...fixed.sources,
					taskHeap: optionSource(config, TM.taskHeap),
					managed: managed.source,
					network: derivedSource(TM.networkMin.key, 'rest of Total Flink (within min/max)'),
				},
			};
		}
		// The usual case: managed and network are fractions of Total Flink Memory, task heap is the rest.
		const managed = deriveManaged(config, basis.bytes);
		let network: bigint;
		let networkSource: PartSource;
		let networkOptions: ConfigOption[];
		if (isUsingLegacyNetworkBuffers(config)) {
			network = legacyNetworkSize(config);
			networkSource = legacyNetworkSource(config);
			networkOptions = [TM.legacyNetworkBuffers, TM.segmentSize];
		} else {
			const range = networkRange(config);
			const derived = deriveWithFraction(basis.bytes, range);
			network = derived.bytes;
			networkSource = fractionSource(config, derived, range, whole);
			networkOptions = [TM.networkFraction, TM.networkMin, TM.networkMax];
		}
		const withoutTaskHeap = addSizes(fixed.frameworkHeap, fixed.frameworkOffHeap, fixed.taskOffHeap, managed.bytes, network);
		if (withoutTaskHeap > basis.bytes) {
			const involved = [...basis.options, TM.frameworkHeap, TM.frameworkOffHeap, TM.taskOffHeap, ...managed.options, ...networkOptions];
			throw rejected(
				config,
				`Sum of configured Framework Heap Memory (${toHumanReadableString(fixed.frameworkHeap)}), Framework Off-Heap Memory ` +
					`(${toHumanReadableString(fixed.frameworkOffHeap)}), Task Off-Heap Memory (${toHumanReadableString(fixed.taskOffHeap)}), ` +
					`Managed Memory (${toHumanReadableString(managed.bytes)}) and Network Memory (${toHumanReadableString(network)}) ` +
					`exceed configured Total Flink Memory (${toHumanReadableString(basis.bytes)}).`,
				involved,
			);
		}
		return {
			...fixed,
			taskHeap: subtractSize(basis.bytes, withoutTaskHeap),
			managed: managed.bytes,
			network,
			sources: {
				...fixed.sources,
				taskHeap: derivedSource(TM.taskHeap.key, `rest of ${whole}`),
				managed: managed.source,
				network: networkSource,
			},
		};
	},

	totalFlinkOf(memory) {
		return addSizes(
			memory.frameworkHeap,
			memory.frameworkOffHeap,
			memory.taskHeap,
			memory.taskOffHeap,
			memory.network,
			memory.managed,
		);
	},
};

interface FixedParts {
	readonly frameworkHeap: bigint;
	readonly frameworkOffHeap: bigint;
	readonly taskOffHeap: bigint;
	readonly sources: Readonly<Record<'frameworkHeap' | 'frameworkOffHeap' | 'taskOffHeap', PartSource>>;
}

/** The parts that are always their option's value (or default). */
function readFixedParts(config: FlinkConfiguration): FixedParts {
	return {
		frameworkHeap: config.getMemorySize(TM.frameworkHeap),
		frameworkOffHeap: config.getMemorySize(TM.frameworkOffHeap),
		taskOffHeap: config.getMemorySize(TM.taskOffHeap),
		sources: {
			frameworkHeap: optionSource(config, TM.frameworkHeap),
			frameworkOffHeap: optionSource(config, TM.frameworkOffHeap),
			taskOffHeap: optionSource(config, TM.taskOffHeap),
		},
	};
}

/** Managed memory: its size if configured, otherwise its fraction of Total Flink Memory (range [0, ∞)). */
function deriveManaged(
	config: FlinkConfiguration,
	totalFlink: bigint,
): {bytes: bigint; source: PartSource; options: ConfigOption[]} {
	if (config.contains(TM.managedSize)) {
		return {bytes: config.getMemorySize(TM.managedSize), source: optionSource(config, TM.managedSize), options: [TM.managedSize]};
	}
	const range = readFixedRangeFraction(config, 0n, LONG_MAX, TM.managedFraction);
	const derived = deriveWithFraction(totalFlink, range);
	return {
		bytes: derived.bytes,
		source: fractionSource(config, derived, range, 'Total Flink'),
		options: [TM.managedFraction],
	};
}

function networkRange(config: FlinkConfiguration): RangeFraction {
	return readRangeFraction(config, {min: TM.networkMin, max: TM.networkMax, fraction: TM.networkFraction});
}

/** The fixed parts, task heap and managed memory must fit in Total Flink Memory, leaving network the rest. */
function checkFitsWithTaskHeap(
	config: FlinkConfiguration,
	fixed: FixedParts,
	taskHeap: bigint,
	managed: bigint,
	managedOptions: readonly ConfigOption[],
	basis: TotalFlinkBasis,
	withoutNetwork: bigint,
): void {
	if (withoutNetwork <= basis.bytes) return;
	const involved = [...basis.options, TM.frameworkHeap, TM.frameworkOffHeap, TM.taskHeap, TM.taskOffHeap, ...managedOptions];
	throw rejected(
		config,
		`Sum of configured Framework Heap Memory (${toHumanReadableString(fixed.frameworkHeap)}), Framework Off-Heap Memory ` +
			`(${toHumanReadableString(fixed.frameworkOffHeap)}), Task Heap Memory (${toHumanReadableString(taskHeap)}), Task Off-Heap ` +
			`Memory (${toHumanReadableString(fixed.taskOffHeap)}) and Managed Memory (${toHumanReadableString(managed)}) exceed ` +
			`configured Total Flink Memory (${toHumanReadableString(basis.bytes)}).`,
		involved,
	);
}

/**
 * sanityCheckNetworkMemoryWithExplicitlySetTotalFlinkAndHeapMemory: network left over as a rest must
 * still be within the network range (or equal the legacy buffer count × segment size). Flink wraps the
 * inner reason in a general one; both are kept.
 */
function checkDerivedNetwork(config: FlinkConfiguration, network: bigint, basis: TotalFlinkBasis): void {
	const outer =
		'If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the ' +
		'rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network ' +
		'Memory is inconsistent with its configuration.';
	const involved = [
		...basis.options,
		TM.taskHeap,
		TM.managedSize,
		TM.frameworkHeap,
		TM.frameworkOffHeap,
		TM.taskOffHeap,
	];
	let reason: string | undefined;
	try {
		if (isUsingLegacyNetworkBuffers(config)) {
			involved.push(TM.legacyNetworkBuffers, TM.segmentSize);
			const configured = legacyNetworkSize(config);
			if (configured !== network) {
				reason = `Derived Network Memory size (${toHumanReadableString(network)}) does not match configured Network Memory size (${toHumanReadableString(configured)}).`;
			}
		} else {
			involved.push(TM.networkMin, TM.networkMax, TM.networkFraction);
			const range = networkRange(config);
			if (network > range.max || network < range.min) {
				reason =
					`Derived Network Memory size (${toHumanReadableString(network)}) is not in configured Network Memory range ` +
					`[${toHumanReadableString(range.min)}, ${toHumanReadableString(range.max)}].`;
			}
		}
	} catch (error) {
		if (!(error instanceof FlinkConfigError)) throw error;
		reason = error.reason;
	}
	if (reason !== undefined) throw rejected(config, `${outer} Cause: ${reason}`, involved);
}

/** The pre-1.10 buffer count counts only when set and none of the network min/max/fraction is. */
function isUsingLegacyNetworkBuffers(config: FlinkConfiguration): boolean {
	const anyNetworkOption = config.contains(TM.networkMin) || config.contains(TM.networkMax) || config.contains(TM.networkFraction);
	return !anyNetworkOption && config.contains(TM.legacyNetworkBuffers);
}

function legacyNetworkSize(config: FlinkConfiguration): bigint {
	return BigInt(config.getInteger(TM.legacyNetworkBuffers)) * readPageSize(config);
}

function legacyNetworkSource(config: FlinkConfiguration): PartSource {
	return {
		key: TM.legacyNetworkBuffers.key,
		how: `${config.getInteger(TM.legacyNetworkBuffers)} buffers × ${readPageSize(config)}-byte segments`,
	};
}
