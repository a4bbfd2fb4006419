import {defaultTextOf, type FlinkConfiguration, type MemoryOption} from './configuration.js';
import {formatBinarySize} from './memory-size.js';
import type {FractionDerived, RangeFraction} from './range-fraction.js';

/**
 * Where a size in the breakdown came from: the option that sets it and, in words, how it was obtained.
 * This is what the report prints next to each size, so a reader knows which key to change.
 */
export interface PartSource {
	/** The configuration key that sets (or would set) this part. */
	readonly key: string;
	/** `set to 1728m`, `default 128m`, `0.4 × Total Flink`, `rest of Total Flink` ... */
	readonly how: string;
}

/** A part read straight from an option: its configured value or its default. */
export function optionSource(config: FlinkConfiguration, option: MemoryOption): PartSource {
	const entry = config.resolve(option);
	if (entry !== undefined) {
		const deprecated = entry.key === option.key ? '' : ` (deprecated key for ${option.key})`;
		return {key: entry.key, how: `set to ${entry.value}${deprecated}`};
	}
	return {key: option.key, how: `default ${defaultTextOf(option) ?? '(none)'}`};
}

/** A part derived from a fraction of `whole`, naming the min or max option when it clamped the result. */
export function fractionSource(
	config: FlinkConfiguration,
	derived: FractionDerived,
	range: RangeFraction,
	whole: string,
	inverse = false,
): PartSource {
	const fractionText = config.resolve(range.options.fraction)?.value ?? range.options.fraction.defaultText;
	const share = inverse ? `${fractionText} of ${whole} (from the rest)` : `${fractionText} × ${whole}`;
	if (derived.capped === undefined) return {key: range.options.fraction.key, how: share};
	const bound = derived.capped === 'min' ? range.options.min : range.options.max;
	return {
		key: bound?.key ?? range.options.fraction.key,
		how: `${share} = ${formatBinarySize(derived.relative)} ${derived.capped === 'min' ? '< min' : '> max'}`,
	};
}

/** A part computed from others (`Total Process − Metaspace − Overhead`), or what a total leaves. */
export function derivedSource(key: string, how: string): PartSource {
	return {key, how};
}
