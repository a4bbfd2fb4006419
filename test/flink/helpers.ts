import {expect} from 'vitest';
import {FlinkConfigError} from '../../source/flink/errors.js';

export const MiB = 1n << 20n;
export const GiB = 1n << 30n;

/** Configuration entries from a plain object. */
export function conf(entries: Record<string, string>): Map<string, string> {
	return new Map(Object.entries(entries));
}

/** Runs `compute` and returns the FlinkConfigError it must throw. */
export function configError(compute: () => unknown): FlinkConfigError {
	try {
		compute();
	} catch (error) {
		expect(error).toBeInstanceOf(FlinkConfigError);
		// An InputError: the CLI exits 2 with the message, no stack trace.
		expect((error as FlinkConfigError).exitCode).toBe(2);
		return error as FlinkConfigError;
	}
	throw new Error('the configuration did not fail as Flink would');
}
