/**
 * Flink's MemorySize, in exact integer arithmetic: sizes are bigint byte counts that stay within a Java
 * long, parsed with Flink's syntax (`1728m`, `64 mb`, `1 gibibytes`, a bare number is bytes) and printed
 * the way Flink prints them in its error messages (`128.000mb (134217728 bytes)`).
 */

/** Java's Long.MAX_VALUE: Flink's MemorySize.MAX_VALUE, the default maximum of the network memory. */
export const LONG_MAX = (1n << 63n) - 1n;

interface MemoryUnit {
	readonly names: readonly string[];
	readonly multiplier: bigint;
}

// In Flink's order; the second name of each is the one Flink prints.
const UNITS: readonly MemoryUnit[] = [
	{names: ['b', 'bytes'], multiplier: 1n},
	{names: ['k', 'kb', 'kibibytes'], multiplier: 1n << 10n},
	{names: ['m', 'mb', 'mebibytes'], multiplier: 1n << 20n},
	{names: ['g', 'gb', 'gibibytes'], multiplier: 1n << 30n},
	{names: ['t', 'tb', 'tebibytes'], multiplier: 1n << 40n},
];

const ALL_UNITS = UNITS.map(unit => `(${unit.names.join(' | ')})`).join(' / ');

/** A size text Flink would refuse; the message is the one MemorySize.parseBytes gives. */
export class MemorySizeFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MemorySizeFormatError';
	}
}

/** Bytes of a MemorySize text, exactly as Flink's MemorySize.parseBytes reads it. */
export function parseMemorySize(text: string): bigint {
	const trimmed = text.trim();
	if (trimmed === '') throw new MemorySizeFormatError('argument is an empty- or whitespace-only string');
	const digits = /^[0-9]*/.exec(trimmed)![0];
	const unitText = trimmed.slice(digits.length).trim().toLowerCase();
	// Flink has no fractional or negative sizes: `1.5g` fails on its unit `.5g`, `-1m` on the number.
	if (digits === '') throw new MemorySizeFormatError('text does not start with a number');
	const value = BigInt(digits);
	if (value > LONG_MAX) {
		throw new MemorySizeFormatError(`The value '${digits}' cannot be re represented as 64bit number (numeric overflow).`);
	}
	let multiplier = 1n;
	if (unitText !== '') {
		const unit = UNITS.find(candidate => candidate.names.includes(unitText));
		if (!unit) {
			throw new MemorySizeFormatError(
				`Memory size unit '${unitText}' does not match any of the recognized units: ${ALL_UNITS}`,
			);
		}
		multiplier = unit.multiplier;
	}
	const bytes = value * multiplier;
	if (bytes > LONG_MAX) {
		throw new MemorySizeFormatError(
			`The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`,
		);
	}
	return bytes;
}

/** A MemorySize.add / subtract failure: Flink's Math.addExact or `bytes must be >= 0`. */
export class MemoryArithmeticError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MemoryArithmeticError';
	}
}

export function addSizes(...sizes: bigint[]): bigint {
	const sum = sizes.reduce((total, size) => total + size, 0n);
	if (sum > LONG_MAX) throw new MemoryArithmeticError('long overflow');
	return sum;
}

export function subtractSize(from: bigint, size: bigint): bigint {
	const difference = from - size;
	if (difference < 0n) throw new MemoryArithmeticError('bytes must be >= 0');
	return difference;
}

/**
 * MemorySize.multiply: `BigDecimal.valueOf(bytes) * BigDecimal.valueOf(multiplier)`, then `longValue()`.
 * BigDecimal.valueOf(double) goes through Double.toString, the shortest decimal that reads back as the
 * double, not its exact binary value: 0.1f widened to double multiplies as 0.10000000149011612. JavaScript's
 * String(number) gives the same shortest digits (Java 19+ exactly; older JDKs print a longer string for a
 * few doubles, which moves a product by under 1e-16 of itself). longValue() truncates, and both factors are
 * non-negative, so integer division is the same truncation.
 */
export function multiplySize(bytes: bigint, multiplier: number): bigint {
	if (!(multiplier >= 0) || !Number.isFinite(multiplier)) {
		throw new MemoryArithmeticError('multiplier must be >= 0');
	}
	const {digits, exponent} = decimalOf(multiplier);
	const product = exponent >= 0 ? bytes * digits * 10n ** BigInt(exponent) : (bytes * digits) / 10n ** BigInt(-exponent);
	if (product > LONG_MAX) throw new MemoryArithmeticError('long overflow');
	return product;
}

/** The shortest decimal of a finite non-negative double as `digits × 10^exponent`. */
function decimalOf(value: number): {digits: bigint; exponent: number} {
	const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
	if (!match) throw new MemoryArithmeticError(`cannot read ${value} as a decimal`);
	const [, whole, fraction = '', exponent = '0'] = match;
	return {digits: BigInt(whole + fraction), exponent: Number(exponent) - fraction.length};
}

/**
 * MemorySize.toHumanReadableString: the largest unit the size exceeds (strictly), three decimals rounded
 * half-up, then the exact bytes: `128.000mb (134217728 bytes)`, `1024 bytes`, `0 bytes`.
 */
export function toHumanReadableString(bytes: bigint): string {
	let unitIndex = 0;
	for (let index = 0; index < UNITS.length; index++) {
		if (bytes > UNITS[index]!.multiplier) unitIndex = index;
	}
	if (unitIndex === 0) return `${bytes} bytes`;
	const unit = UNITS[unitIndex]!;
	return `${fixedThree(bytes, unit.multiplier)}${unit.names[1]} (${bytes} bytes)`;
}

/** `bytes / divisor` with three decimals, rounded half-up like Java's `%.3f`. */
function fixedThree(bytes: bigint, divisor: bigint): string {
	const thousandths = (bytes * 2000n + divisor) / (2n * divisor);
	const fraction = String(thousandths % 1000n).padStart(3, '0');
	return `${thousandths / 1000n}.${fraction}`;
}

/** The size for people: `1.688 GiB`, `384.000 MiB`, `32.000 KiB`, `0 B`. Binary units, like Flink's. */
export function formatBinarySize(bytes: bigint): string {
	const binaryUnits: ReadonlyArray<[bigint, string]> = [
		[1n << 40n, 'TiB'],
		[1n << 30n, 'GiB'],
		[1n << 20n, 'MiB'],
		[1n << 10n, 'KiB'],
	];
	for (const [multiplier, name] of binaryUnits) {
		if (bytes >= multiplier) return `${fixedThree(bytes, multiplier)} ${name}`;
	}
	return `${bytes} B`;
}
