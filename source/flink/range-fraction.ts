import type {FlinkConfiguration, FloatOption, MemoryOption} from './configuration.js';
import {multiplySize, toHumanReadableString} from './memory-size.js';
import {rejected} from './rejection.js';

/**
 * Flink's "capped fractionated components" (RangeFraction and the derive helpers of ProcessMemoryUtils):
 * network memory is a fraction of Total Flink Memory, JVM overhead a fraction of Total Process Memory,
 * managed memory a fraction of Total Flink Memory; each clamped to its [min, max].
 */
export interface RangeFraction {
	readonly min: bigint;
	readonly max: bigint;
	/** The Java float widened to double, as Flink multiplies with it. */
	readonly fraction: number;
	/** The options it was read from, for messages and for saying which option set a size. */
	readonly options: {readonly min?: MemoryOption; readonly max?: MemoryOption; readonly fraction: FloatOption};
}

/** A size derived from a fraction, and whether the min or max replaced it. */
export interface FractionDerived {
	readonly bytes: bigint;
	/** The size the fraction gave before clamping. */
	readonly relative: bigint;
	readonly capped?: 'min' | 'max';
}

/** ProcessMemoryUtils.getRangeFraction: min ≤ max and 0 ≤ fraction < 1, or Flink refuses the configuration. */
export function readRangeFraction(
	config: FlinkConfiguration,
	range: {readonly min: MemoryOption; readonly max: MemoryOption; readonly fraction: FloatOption},
): RangeFraction {
	const min = config.getMemorySize(range.min);
	const max = config.getMemorySize(range.max);
	return checkedRangeFraction(config, min, max, range);
}

/** A range whose bounds are fixed rather than configured (managed memory: [0, Long.MAX_VALUE]). */
export function readFixedRangeFraction(
	config: FlinkConfiguration,
	min: bigint,
	max: bigint,
	fractionOption: FloatOption,
): RangeFraction {
	return checkedRangeFraction(config, min, max, {fraction: fractionOption});
}

function checkedRangeFraction(
	config: FlinkConfiguration,
	min: bigint,
	max: bigint,
	options: RangeFraction['options'],
): RangeFraction {
	const fraction = config.getFloat(options.fraction);
	// RangeFraction's constructor checks these two; getRangeFraction rethrows with the values.
	const reason =
		min > max
			? 'min value must be less or equal to max value'
			: !(fraction >= 0 && fraction < 1)
				? 'fraction must be in range [0, 1)'
				: undefined;
	if (reason !== undefined) {
		const involved = [options.fraction, options.min, options.max].filter(option => option !== undefined);
		throw rejected(
			config,
			`Inconsistently configured ${options.fraction.key} (${javaDouble(fraction)}) and its min (${toHumanReadableString(min)}), ` +
				`max (${toHumanReadableString(max)}) value: ${reason}.`,
			involved,
		);
	}
	return {min, max, fraction, options};
}

/** ProcessMemoryUtils.deriveWithFraction: `base × fraction`, clamped to the range. */
export function deriveWithFraction(base: bigint, range: RangeFraction): FractionDerived {
	return capToMinMax(multiplySize(base, range.fraction), range);
}

/**
 * ProcessMemoryUtils.deriveWithInverseFraction: the part is a fraction of a total that includes it, and
 * `base` is the total without it, so the part is `base × f / (1 − f)`; the ratio is computed in double
 * precision first, as Flink does.
 */
export function deriveWithInverseFraction(base: bigint, range: RangeFraction): FractionDerived {
	return capToMinMax(multiplySize(base, range.fraction / (1 - range.fraction)), range);
}

function capToMinMax(relative: bigint, range: RangeFraction): FractionDerived {
	if (relative > range.max) return {bytes: range.max, relative, capped: 'max'};
	if (relative < range.min) return {bytes: range.min, relative, capped: 'min'};
	return {bytes: relative, relative};
}

/** A double as Java's Double.toString writes it (what Flink's messages show): `0.10000000149011612`, `1.0`. */
export function javaDouble(value: number): string {
	if (Number.isInteger(value) && Math.abs(value) < 1e7) return value.toFixed(1);
	return String(value);
}
