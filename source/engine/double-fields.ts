/**
 * V8 gives an object field the representation of the first value stored in it. Byte counts and
 * addresses start at 0, a small integer, and become doubles the first time a value computed from a
 * Float64Array column is stored: that generalization deprecates every map of the class and throws away
 * the optimized code built on them, at a moment that varies from process to process (replays of
 * realloc-bal under next-fit were 72 ns in some processes and 95 to 108 in others, after "Maps became
 * deprecated during optimization" aborted the replay loop's compilation). Storing a double into such
 * fields once, as each object is built, settles their representation before any code gets hot.
 *
 * Every field named ends at 0.
 */
export function startAsDoubles<T extends object>(target: T, fields: ReadonlyArray<keyof T>): void {
	const record = target as Record<keyof T, unknown>;
	for (const field of fields) {
		record[field] = 0.5;
		record[field] = 0;
	}
}
