import {describe, expect, it} from 'vitest';
import {parseJavaFloat} from '../../source/flink/configuration.js';
import {
	formatBinarySize,
	LONG_MAX,
	multiplySize,
	parseMemorySize,
	toHumanReadableString,
} from '../../source/flink/memory-size.js';

describe('MemorySize syntax', () => {
	it.each([
		['1728m', 1728n << 20n],
		['1g', 1n << 30n],
		['64 mb', 64n << 20n],
		['1024kb', 1n << 20n],
		['1 gibibytes', 1n << 30n],
		['12345', 12345n],
		['  7 BYTES ', 7n],
		['1t', 1n << 40n],
		['0', 0n],
	])('reads %s as %s bytes', (text, bytes) => {
		// Source: MemorySize javadoc units (b/bytes, k/kb/kibibytes, m/mb/mebibytes, g/gb/gibibytes, t/tb/tebibytes)
		// and MemorySizeTest.testParseBytes / testParseWithDefaultUnit style inputs.
		expect(parseMemorySize(text)).toBe(bytes);
	});

	it.each([
		['', 'argument is an empty- or whitespace-only string'],
		['-1m', 'text does not start with a number'],
		['1.5g', "Memory size unit '.5g' does not match any of the recognized units"],
		['10 parsecs', "Memory size unit 'parsecs' does not match"],
		['9223372036854775808', 'cannot be re represented as 64bit number (numeric overflow)'],
		['9000000t', 'cannot be re represented as 64bit number of bytes (numeric overflow)'],
	])('refuses %j as Flink does', (text, message) => {
		// Source: MemorySize.parseBytes / parseUnit error messages (MemorySizeTest.testParseInvalid, testParseNumberOverflow).
		expect(() => parseMemorySize(text)).toThrow(message);
	});

	it('prints sizes the way Flink messages do', () => {
		// Source: MemorySize.toHumanReadableString (MemorySizeTest.testToHumanReadableString).
		expect(toHumanReadableString(0n)).toBe('0 bytes');
		expect(toHumanReadableString(1024n)).toBe('1024 bytes');
		expect(toHumanReadableString(1025n)).toBe('1.001kb (1025 bytes)');
		expect(toHumanReadableString(134217728n)).toBe('128.000mb (134217728 bytes)');
		expect(toHumanReadableString(1n << 30n)).toBe('1024.000mb (1073741824 bytes)');
		expect(toHumanReadableString(LONG_MAX)).toBe('8388608.000tb (9223372036854775807 bytes)');
		expect(formatBinarySize(1811939328n)).toBe('1.688 GiB');
		expect(formatBinarySize(402653174n)).toBe('384.000 MiB');
		expect(formatBinarySize(0n)).toBe('0 B');
	});
});

describe('Flink fraction arithmetic', () => {
	it('reads fractions as Java floats', () => {
		// Source: ConfigOption<Float> options (taskmanager.memory.network.fraction default 0.1f) widened to double.
		expect(parseJavaFloat('0.1')).toBe(0.10000000149011612);
		expect(parseJavaFloat('0.4f')).toBe(0.4000000059604645);
		expect(parseJavaFloat('.5')).toBe(0.5);
		expect(parseJavaFloat('1e-1')).toBe(0.10000000149011612);
		expect(parseJavaFloat('a tenth')).toBeUndefined();
	});

	it('multiplies like MemorySize.multiply: BigDecimal of the double, then truncation', () => {
		// Source: MemorySize.multiply; 0.1f of 1280m is 134217730 bytes (not 134217728), as in the 1728m default.
		expect(multiplySize(1342177280n, Math.fround(0.1))).toBe(134217730n);
		expect(multiplySize(1342177280n, Math.fround(0.4))).toBe(536870920n);
		// 1000m × 0.1f = 104857601.5625…: longValue() truncates.
		expect(multiplySize(1000n << 20n, Math.fround(0.1))).toBe(104857601n);
		expect(multiplySize(7n, 0)).toBe(0n);
		expect(multiplySize(3n, 1e-7)).toBe(0n);
		expect(() => multiplySize(LONG_MAX, 2)).toThrow('long overflow');
		expect(() => multiplySize(1n, -0.5)).toThrow('multiplier must be >= 0');
	});
});
