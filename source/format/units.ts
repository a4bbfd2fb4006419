/** Human-readable figures, each with its unit: every number memsim prints says what it counts. */
export function formatBytes(bytes: number): string {
	const abs = Math.abs(bytes);
	if (abs < 1024) return `${bytes} B`;
	if (abs < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
	if (abs < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatPercent(fraction: number, digits = 1): string {
	return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatCount(value: number): string {
	if (value < 10_000) return String(value);
	if (value < 10_000_000) return `${(value / 1000).toFixed(1)}k`;
	return `${(value / 1_000_000).toFixed(1)}M`;
}

export function formatRate(perSecond: number, unit = 'ev/s'): string {
	if (perSecond < 10_000) return `${perSecond.toFixed(0)} ${unit}`;
	if (perSecond < 10_000_000) return `${(perSecond / 1000).toFixed(1)}k ${unit}`;
	return `${(perSecond / 1_000_000).toFixed(2)}M ${unit}`;
}

/** A duration in milliseconds: "0.42 ms", "12.3 ms", "1.25 s". */
export function formatMs(ms: number): string {
	if (ms < 1) return `${ms.toFixed(2)} ms`;
	if (ms < 1000) return `${ms.toFixed(1)} ms`;
	return `${(ms / 1000).toFixed(2)} s`;
}

/** An event number as the Events pane and the header show it: "#1,234,567". */
export function formatEventNumber(event: number): string {
	return `#${Math.round(event).toLocaleString('en-US')}`;
}

/** A count with its noun, singular for exactly one ("1 block", "0 blocks", "3 blocks"). */
export function counted(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
