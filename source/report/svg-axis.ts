/** Scales, ticks and escaping shared by the report's hand-written SVG charts. */

export interface Box {
	readonly width: number;
	readonly height: number;
	readonly left: number;
	readonly right: number;
	readonly top: number;
	readonly bottom: number;
}

export const chartBox: Box = {width: 860, height: 260, left: 78, right: 16, top: 30, bottom: 36};

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A linear map from data to pixels. */
export function scale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
	const span = domainMax - domainMin || 1;
	return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** Round ticks from 0 to at least `max`: 1, 2 or 5 times a power of ten apart. */
export function niceRange(max: number, count = 4): number[] {
	if (!(max > 0)) return [0, 1];
	const raw = max / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
	const ticks = [0];
	while (ticks[ticks.length - 1]! < max - step * 1e-9) ticks.push(Number((ticks.length * step).toPrecision(12)));
	return ticks;
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Byte ticks in the unit the largest value reads best in: 0, 256 KiB, 512 KiB ... */
export function byteTicks(max: number): {ticks: number[]; label: (value: number) => string} {
	let power = 0;
	while (power < byteUnits.length - 1 && max >= 1024 ** (power + 1)) power++;
	const unit = 1024 ** power;
	const ticks = niceRange(max / unit).map((tick) => tick * unit);
	return {ticks, label: (value) => `${Number((value / unit).toPrecision(4))} ${byteUnits[power]}`};
}

/** Rounded pixel coordinates keep the files small and the paths stable across runs. */
export function px(value: number): string {
	return (Math.round(value * 10) / 10).toString();
}

/** Horizontal grid lines with labels on the left, the x axis with event-number labels. */
export function axes(box: Box, yTicks: readonly number[], y: (v: number) => number, yLabel: (v: number) => string, xTicks: readonly number[], x: (v: number) => number, xLabel: (v: number) => string): string {
	const parts: string[] = [];
	const x0 = box.left;
	const x1 = box.width - box.right;
	const yBottom = box.height - box.bottom;
	for (const tick of yTicks) {
		const at = px(y(tick));
		parts.push(`<path class="grid" d="M${x0} ${at}H${x1}"/>`, `<text class="tick" x="${x0 - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${escapeXml(yLabel(tick))}</text>`);
	}
	parts.push(`<path class="axis" d="M${x0} ${box.top}V${yBottom}H${x1}"/>`);
	for (const tick of xTicks) {
		const at = px(x(tick));
		parts.push(`<path class="axis" d="M${at} ${yBottom}v4"/>`, `<text class="tick" x="${at}" y="${yBottom + 16}" text-anchor="middle">${escapeXml(xLabel(tick))}</text>`);
	}
	return parts.join('');
}

/** Event numbers on an axis: 250k, 1.5M. */
export function eventLabel(event: number): string {
	if (event >= 1_000_000) return `${Number((event / 1_000_000).toPrecision(3))}M`;
	if (event >= 1000) return `${Number((event / 1000).toPrecision(3))}k`;
	return String(event);
}
