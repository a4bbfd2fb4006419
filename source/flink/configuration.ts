import {FlinkConfigError} from './errors.js';
import {MemorySizeFormatError, parseMemorySize} from './memory-size.js';

/**
 * Typed, read-only access to flat Flink configuration entries, the way Flink's Configuration resolves a
 * ConfigOption: the option's own key first, then its deprecated keys in order, then its default.
 */

interface OptionBase {
	readonly key: string;
	/** Older names Flink still reads when the key itself is absent, first match wins. */
	readonly deprecatedKeys?: readonly string[];
}

export interface MemoryOption extends OptionBase {
	readonly type: 'memory';
	readonly defaultValue?: bigint;
	/** How the default is written in Flink's docs, for messages (`128m`, `infinite`). */
	readonly defaultText?: string;
}

export interface FloatOption extends OptionBase {
	readonly type: 'float';
	readonly defaultText: string;
}

export interface BooleanOption extends OptionBase {
	readonly type: 'boolean';
	readonly defaultValue: boolean;
}

export interface IntegerOption extends OptionBase {
	readonly type: 'integer';
	readonly defaultValue?: number;
}

export type ConfigOption = MemoryOption | FloatOption | BooleanOption | IntegerOption;

/** The entry an option resolved to: which key it was found under and its text. */
export interface ResolvedEntry {
	readonly key: string;
	readonly value: string;
}

export class FlinkConfiguration {
	constructor(private readonly entries: ReadonlyMap<string, string>) {}

	resolve(option: ConfigOption): ResolvedEntry | undefined {
		for (const key of [option.key, ...(option.deprecatedKeys ?? [])]) {
			const value = this.entries.get(key);
			if (value !== undefined) return {key, value};
		}
		return undefined;
	}

	/** Configuration.contains: set explicitly under its key or a deprecated one (defaults do not count). */
	contains(option: ConfigOption): boolean {
		return this.resolve(option) !== undefined;
	}

	/** ProcessMemoryUtils.getMemorySizeFromConfig, with its message when the option cannot be read. */
	getMemorySize(option: MemoryOption): bigint {
		const entry = this.resolve(option);
		if (entry === undefined) {
			if (option.defaultValue !== undefined) return option.defaultValue;
			throw new FlinkConfigError(
				`Cannot read memory size from config option '${option.key}': The memory option is not set and has no default value.`,
				[option.key],
			);
		}
		try {
			return parseMemorySize(entry.value);
		} catch (error) {
			if (!(error instanceof MemorySizeFormatError)) throw error;
			throw new FlinkConfigError(
				`Cannot read memory size from config option '${option.key}': Could not parse value '${entry.value}' for key '${entry.key}' (${error.message}).`,
				[entry.key],
			);
		}
	}

	/**
	 * Configuration.getFloat widened to double, as ProcessMemoryUtils.getRangeFraction does. Flink holds the
	 * option as a Java float, so 0.1 becomes 0.10000000149011612. Math.fround of the parsed double is exactly
	 * what Flink 2's config.yaml does (YAML reads a double, then casts it); Float.parseFloat of a string can
	 * differ only for a decimal within half a double-ulp of a float midpoint, which takes 17+ digits to write.
	 */
	getFloat(option: FloatOption): number {
		const entry = this.resolve(option);
		const text = entry?.value ?? option.defaultText;
		const value = parseJavaFloat(text);
		if (value === undefined) {
			throw new FlinkConfigError(`Could not parse value '${text}' for key '${entry?.key ?? option.key}'.`, [
				entry?.key ?? option.key,
			]);
		}
		return value;
	}

	getBoolean(option: BooleanOption): boolean {
		const entry = this.resolve(option);
		if (entry === undefined) return option.defaultValue;
		// Flink's convertToBoolean accepts true/false in any case, nothing else.
		const text = entry.value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
		throw new FlinkConfigError(`Could not parse value '${entry.value}' for key '${entry.key}'.`, [entry.key]);
	}

	getInteger(option: IntegerOption): number {
		const entry = this.resolve(option);
		if (entry === undefined) {
			if (option.defaultValue !== undefined) return option.defaultValue;
			throw new FlinkConfigError(`No value for key '${option.key}'.`, [option.key]);
		}
		const text = entry.value.trim();
		const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
		if (!Number.isSafeInteger(value) || value > 2147483647 || value < -2147483648) {
			throw new FlinkConfigError(`Could not parse value '${entry.value}' for key '${entry.key}'.`, [entry.key]);
		}
		return value;
	}
}

/** Java's Float.parseFloat for decimal text (optional f/d suffix), widened back to double; undefined if not a number. */
export function parseJavaFloat(text: string): number | undefined {
	const trimmed = text.trim();
	if (/^[+-]?(?:NaN|Infinity)$/.test(trimmed)) return Math.fround(Number(trimmed));
	if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/.test(trimmed)) return undefined;
	return Math.fround(Number(trimmed.replace(/[fFdD]$/, '')));
}

/** `key: value` for a message, saying where the value came from: set, a deprecated key, the default, or unset. */
export function describeOption(config: FlinkConfiguration, option: ConfigOption): string {
	const entry = config.resolve(option);
	if (entry !== undefined) {
		return entry.key === option.key ? `${option.key}: ${entry.value}` : `${entry.key} (for ${option.key}): ${entry.value}`;
	}
	const defaultText = defaultTextOf(option);
	return defaultText === undefined ? `${option.key}: not set` : `${option.key}: default ${defaultText}`;
}

export function defaultTextOf(option: ConfigOption): string | undefined {
	switch (option.type) {
		case 'memory':
			return option.defaultText;
		case 'float':
			return option.defaultText;
		case 'boolean':
			return String(option.defaultValue);
		case 'integer':
			return option.defaultValue === undefined ? undefined : String(option.defaultValue);
	}
}
