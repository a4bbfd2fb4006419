/**
 * Summary keys that measure the machine rather than the simulation: they differ between any two
 * runs, so replay equality and `memsim diff` leave them out. `eventsPerSec` is the only one in
 * today's summary (GC pauses are modeled from work done, not measured); `simulationMs`, `wallMs`
 * and `wallTotal` are listed so a summary that grows them stays comparable.
 */
export const timingKeys: ReadonlySet<string> = new Set(['eventsPerSec', 'simulationMs', 'wallMs', 'wallTotal']);

/** A deep copy of a summary without its timing keys (at any depth). */
export function withoutTimings(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutTimings);
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) if (!timingKeys.has(key)) copy[key] = withoutTimings(item);
	return copy;
}

/** `{gc: {cycles: 3}, leaks: [{site: 'a'}]}` -> `gc.cycles = 3`, `leaks[0].site = 'a'`, in key order. */
export function flattenSummary(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
	if (Array.isArray(value)) {
		if (value.length === 0) into.set(prefix, '[]');
		value.forEach((item, i) => flattenSummary(item, `${prefix}[${i}]`, into));
	} else if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value);
		if (entries.length === 0 && prefix !== '') into.set(prefix, '{}');
		for (const [key, item] of entries) flattenSummary(item, prefix === '' ? key : `${prefix}.${key}`, into);
	} else {
		into.set(prefix, value);
	}
	return into;
}

export interface SummaryRow {
	readonly key: string;
	readonly a: unknown;
	readonly b: unknown;
	readonly same: boolean;
}

/** Both summaries' figures side by side (timings aside), in A's key order then B's extra keys. */
export function compareSummaries(a: unknown, b: unknown): SummaryRow[] {
	// Through JSON first: a recorded summary went through it (Infinity became null, undefined vanished).
	const left = flattenSummary(withoutTimings(asJson(a)));
	const right = flattenSummary(withoutTimings(asJson(b)));
	const keys = [...left.keys(), ...[...right.keys()].filter((key) => !left.has(key))];
	return keys.map((key) => {
		const x = left.get(key);
		const y = right.get(key);
		return {key, a: x, b: y, same: Object.is(x, y)};
	});
}

export function summariesEqual(a: unknown, b: unknown): boolean {
	return compareSummaries(a, b).every((row) => row.same);
}

function asJson(value: unknown): unknown {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
