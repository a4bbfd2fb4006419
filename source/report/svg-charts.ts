import {axes, chartBox, escapeXml, eventLabel, niceRange, px, scale, type Box} from './svg-axis.js';

/** Colours of the report, named by what they show (the page's CSS uses the same values). */
export const palette = {live: '#2563eb', used: '#0d9488', highWater: '#9333ea', heap: '#64748b', utilization: '#16a34a', fragmentation: '#ea580c', minor: '#0ea5e9', major: '#7c3aed', change: '#b45309', alert: '#dc2626'} as const;

/**
 * The report's charts as SVG text: no library, no script, nothing fetched. Every data series is a
 * `<path class="series">` (the browser test checks that each chart draws one with points), and
 * parameter changes and alerts are vertical marks with a `<title>` tooltip.
 */
export interface Series {
	readonly name: string;
	readonly color: string;
	readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface Mark {
	readonly event: number;
	readonly label: string;
	readonly kind: 'change' | 'alert';
	/** Short tag drawn at the top of the mark: the change's number in the list below. */
	readonly tag?: string;
}

export interface YAxis {
	readonly ticks: readonly number[];
	readonly label: (value: number) => string;
}

interface Frame {
	readonly id: string;
	readonly title: string;
	readonly box?: Box;
}

function open(frame: Frame, box: Box, legend: ReadonlyArray<{name: string; color: string}>): string {
	// Right-aligned, each item as wide as its text (about 7 px a character at 12 px).
	const widths = legend.map((item) => item.name.length * 7 + 30);
	const items = legend
		.map((item, i) => {
			const x = box.width - box.right - widths.slice(i).reduce((sum, w) => sum + w, 0);
			return `<path class="legend" d="M${x} 14h14" style="stroke:${item.color}"/><text class="legend" x="${x + 18}" y="14" dominant-baseline="middle">${escapeXml(item.name)}</text>`;
		})
		.join('');
	return (
		`<svg class="chart" data-chart="${frame.id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="${escapeXml(frame.title)}">` +
		`<text class="title" x="${box.left}" y="14" dominant-baseline="middle">${escapeXml(frame.title)}</text>${items}`
	);
}

function marksOf(marks: readonly Mark[], x: (v: number) => number, box: Box): string {
	const bottom = box.height - box.bottom;
	return marks
		.map((mark) => {
			const at = px(x(mark.event));
			const tag = mark.tag ? `<text class="tag tag-${mark.kind}" x="${at}" y="${box.top - 4}" text-anchor="middle">${escapeXml(mark.tag)}</text>` : '';
			return `<path class="mark mark-${mark.kind}" d="M${at} ${box.top}V${bottom}"><title>${escapeXml(`#${mark.event}: ${mark.label}`)}</title></path>${tag}`;
		})
		.join('');
}

/** Series over event numbers, y from 0 to the top tick, with change and alert marks. */
export function lineChart(frame: Frame & {series: readonly Series[]; marks: readonly Mark[]; xMax: number; y: YAxis}): string {
	const box = frame.box ?? chartBox;
	const x = scale(0, frame.xMax || 1, box.left, box.width - box.right);
	const yTop = frame.y.ticks[frame.y.ticks.length - 1] ?? 1;
	const y = scale(0, yTop, box.height - box.bottom, box.top);
	const paths = frame.series
		.filter((series) => series.points.length > 0)
		.map((series) => {
			const d = series.points.map(([px0, py], i) => `${i === 0 ? 'M' : 'L'}${px(x(px0))} ${px(y(py))}`).join('');
			// A single point still draws: a short flat stroke.
			const single = series.points.length === 1 ? 'h2' : '';
			return `<path class="series" data-series="${escapeXml(series.name)}" style="stroke:${series.color}" d="${d}${single}"><title>${escapeXml(series.name)}</title></path>`;
		})
		.join('');
	const xTicks = niceRange(frame.xMax || 1, 6).filter((tick) => tick <= (frame.xMax || 1));
	return `${open(frame, box, frame.series)}${axes(box, frame.y.ticks, y, frame.y.label, xTicks, x, eventLabel)}${paths}${marksOf(frame.marks, x, box)}</svg>`;
}

export interface Bar {
	readonly value: number;
	readonly group: number;
	readonly label: string;
}

/** One bar per item left to right (GC pauses per cycle), coloured by group; one path per group. */
export function barChart(frame: Frame & {bars: readonly Bar[]; groups: ReadonlyArray<{name: string; color: string}>; y: YAxis; xLabel: (index: number) => string}): string {
	const box = frame.box ?? chartBox;
	const n = Math.max(1, frame.bars.length);
	const x = scale(0, n, box.left, box.width - box.right);
	const yTop = frame.y.ticks[frame.y.ticks.length - 1] ?? 1;
	const y = scale(0, yTop, box.height - box.bottom, box.top);
	const width = Math.max(0.5, (x(1) - x(0)) * 0.8);
	const bottom = px(y(0));
	const paths = frame.groups
		.map((group, g) => {
			const d = frame.bars
				.map((bar, i) => (bar.group === g ? `M${px(x(i))} ${bottom}V${px(Math.min(y(bar.value), y(0) - 1))}h${px(width)}V${bottom}Z` : ''))
				.join('');
			return d === '' ? '' : `<path class="series bar" data-series="${escapeXml(group.name)}" style="fill:${group.color}" d="${d}"><title>${escapeXml(group.name)}</title></path>`;
		})
		.join('');
	const xTicks = niceRange(n, 6).filter((tick) => tick < n);
	return `${open(frame, box, frame.groups)}${axes(box, frame.y.ticks, y, frame.y.label, xTicks, (i) => x(i) + width / 2, frame.xLabel)}${paths}</svg>`;
}

export interface RowBar {
	readonly label: string;
	readonly value: number;
	readonly color: string;
	readonly detail: string;
}

/** Horizontal bars, one row each (leaks per site), widest first. */
export function rowChart(frame: Frame & {rows: readonly RowBar[]; x: YAxis}): string {
	const rowHeight = 24;
	const box: Box = {...chartBox, left: 250, height: chartBox.top + chartBox.bottom + rowHeight * Math.max(1, frame.rows.length)};
	const xTop = frame.x.ticks[frame.x.ticks.length - 1] ?? 1;
	const x = scale(0, xTop, box.left, box.width - box.right);
	const parts = frame.rows.map((row, i) => {
		const top = box.top + i * rowHeight + 4;
		const label = `<text class="tick" x="${box.left - 6}" y="${top + (rowHeight - 8) / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(row.label)}</text>`;
		const d = `M${box.left} ${top}H${px(Math.max(x(row.value), box.left + 1))}v${rowHeight - 8}H${box.left}Z`;
		return `${label}<path class="series bar" data-series="${escapeXml(row.label)}" style="fill:${row.color}" d="${d}"><title>${escapeXml(row.detail)}</title></path>`;
	});
	const bottom = box.height - box.bottom;
	const ticks = frame.x.ticks
		.map((tick, i, all) => {
			const anchor = i === all.length - 1 ? 'end' : 'middle';
			return `<path class="grid" d="M${px(x(tick))} ${box.top}V${bottom}"/><text class="tick" x="${px(x(tick))}" y="${bottom + 16}" text-anchor="${anchor}">${escapeXml(frame.x.label(tick))}</text>`;
		})
		.join('');
	return `${open(frame, box, [])}${ticks}<path class="axis" d="M${box.left} ${box.top}V${bottom}"/>${parts.join('')}</svg>`;
}

/** The session's events on one axis: changes above it, alerts below, each numbered or titled. */
export function timelineChart(frame: Frame & {marks: readonly Mark[]; xMax: number}): string {
	const box: Box = {...chartBox, height: 120};
	const x = scale(0, frame.xMax || 1, box.left, box.width - box.right);
	const mid = 62;
	const shapes = frame.marks.map((mark) => {
		const at = x(mark.event);
		const d = mark.kind === 'change' ? `M${px(at)} ${mid - 4}l-6 -12h12Z` : `M${px(at)} ${mid + 4}l6 8l-6 8l-6 -8Z`;
		const tag = mark.tag ? `<text class="tag tag-${mark.kind}" x="${px(at)}" y="${mid - 22}" text-anchor="middle">${escapeXml(mark.tag)}</text>` : '';
		return `<path class="series mark-${mark.kind}" d="${d}"><title>${escapeXml(`#${mark.event}: ${mark.label}`)}</title></path>${tag}`;
	});
	const xTicks = niceRange(frame.xMax || 1, 6).filter((tick) => tick <= (frame.xMax || 1));
	const ticks = xTicks.map((tick) => `<path class="axis" d="M${px(x(tick))} ${mid}v4"/><text class="tick" x="${px(x(tick))}" y="${mid + 40}" text-anchor="middle">${eventLabel(tick)}</text>`).join('');
	const legend = [
		{name: 'parameter change / action', color: palette.change},
		{name: 'leak alert', color: palette.alert},
	];
	return `${open(frame, box, legend)}<path class="axis" d="M${box.left} ${mid}H${box.width - box.right}"/>${ticks}${shapes.join('')}</svg>`;
}
