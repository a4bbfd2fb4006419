import {formatBytes, formatMs, formatPercent} from '../format/units.js';
import {flattenSummary} from '../recording/summary-compare.js';
import type {ReportData} from './report-data.js';
import {byteTicks, escapeXml, niceRange} from './svg-axis.js';
import {barChart, lineChart, palette, rowChart, timelineChart} from './svg-charts.js';

/**
 * `memsim report FILE --html OUT`: one self-contained page (inline CSS and SVG; no script, no font,
 * no request of any kind) with the session's charts, its changes, the summary and the parameters.
 */
export function htmlReport(data: ReportData): string {
	const {session} = data;
	const title = `memsim session: ${workloadName(data)}`;
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${overview(data)}
${data.warning ? `<p class="warning">${escapeXml(data.warning)}${data.replayed ? ' The summary below comes from replaying what the file holds.' : ''}</p>` : ''}
<section><h2>Over time</h2>
${heapChart(data)}
${fragmentationChart(data)}
${timelineChart({id: 'timeline', title: 'Parameter changes and leak alerts', marks: data.marks, xMax: data.lastEvent})}
</section>
<section><h2>Collections</h2>${gcChart(data)}</section>
<section><h2>Leaks</h2>${leakChart(data)}</section>
<section><h2>Parameter changes</h2>${changeList(data)}</section>
<section><h2>Summary</h2>${keyValueTable(flattenSummary(data.summary))}</section>
<section><h2>Parameters at the start</h2>${keyValueTable(flattenSummary({...session.header.params, ...definedOptions(data)}))}</section>
<footer>Written by memsim ${escapeXml(session.header.memsim)} from ${escapeXml(session.file)}.</footer>
</body>
</html>
`;
}

const css = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; background: #fff; }
body { max-width: 920px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #e2e8f0; }
dl.overview { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0; }
dl.overview dt { color: #475569; } dl.overview dd { margin: 0; }
.warning { background: #fef3c7; border-left: 4px solid #d97706; padding: .5rem .75rem; }
svg.chart { width: 100%; height: auto; display: block; margin: 1rem 0; font-size: 12px; }
svg.chart .title { font-weight: 600; font-size: 13px; fill: #0f172a; }
svg.chart .legend { font-size: 12px; fill: #334155; stroke-width: 3; }
svg.chart .tick { fill: #475569; font-size: 11px; }
svg.chart .grid { stroke: #e2e8f0; } svg.chart .axis { stroke: #94a3b8; fill: none; }
svg.chart path.series { fill: none; stroke-width: 1.6; } svg.chart path.bar { stroke: none; }
svg.chart .mark { stroke-width: 1; stroke-dasharray: 4 3; }
svg.chart .mark-change { stroke: ${palette.change}; fill: ${palette.change}; } svg.chart .mark-alert { stroke: ${palette.alert}; fill: ${palette.alert}; }
svg.chart path.series.mark-change { fill: ${palette.change}; } svg.chart path.series.mark-alert { fill: ${palette.alert}; }
svg.chart .tag { font-size: 10px; font-weight: 600; } svg.chart .tag-change { fill: ${palette.change}; } svg.chart .tag-alert { fill: ${palette.alert}; }
svg.chart .empty { fill: #64748b; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } td, th { padding: .2rem .5rem; border-bottom: 1px solid #f1f5f9; text-align: left; vertical-align: top; }
td.value { font-variant-numeric: tabular-nums; word-break: break-word; }
ol.changes li { margin: .2rem 0; } .muted { color: #64748b; }
footer { margin-top: 3rem; color: #64748b; font-size: .85rem; }
`;

function workloadName(data: ReportData): string {
	const w = data.session.header.workload;
	return w.kind === 'generator' ? `${w.name} (seed ${w.seed})` : w.path;
}

function overview(data: ReportData): string {
	const {header, end} = data.session;
	const host = header.host;
	const rows: Array<[string, string]> = [
		['workload', workloadName(data) + (header.workload.kind === 'trace' ? ` (SHA-256 ${header.workload.sha256}${header.workload.embedded ? ', embedded' : ''})` : '')],
		['recorded', `${header.recordedAt} with memsim ${header.memsim}`],
		['events', `${data.lastEvent.toLocaleString('en-US')}${end ? ` (${end.reason})` : ' (cut off)'}`],
		['strategy', `${String(header.params.strategy)} at the start; ${String(data.summary['strategy'] ?? '?')} at the end`],
		['host', `${host.os}; ${host.cpu}, ${host.cores} cores; ${formatBytes(host.memoryBytes)} memory; Node ${host.node}`],
	];
	return `<dl class="overview">${rows.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>`;
}

function emptyNote(svg: string, note: string): string {
	return svg.replace('</svg>', `<text class="empty" x="430" y="130" text-anchor="middle">${escapeXml(note)}</text></svg>`);
}

function heapChart(data: ReportData): string {
	const s = data.snapshots;
	const growable = data.session.header.params.capacity === 'grow';
	const series = [
		{name: 'live payload', color: palette.live, points: s.map((p) => [p.event, p.liveBytes] as const)},
		{name: 'used blocks', color: palette.used, points: s.map((p) => [p.event, p.usedBytes] as const)},
		{name: 'high-water mark', color: palette.highWater, points: s.map((p) => [p.event, p.highWaterBytes] as const)},
		...(growable ? [{name: 'heap size', color: palette.heap, points: s.map((p) => [p.event, p.heapBytes] as const)}] : []),
	];
	const max = Math.max(1, ...series.flatMap((line) => line.points.map(([, v]) => v)));
	const y = byteTicks(max);
	const svg = lineChart({id: 'heap', title: 'Live bytes and heap use', series, marks: data.marks, xMax: data.lastEvent, y: {ticks: y.ticks, label: y.label}});
	return s.length === 0 ? emptyNote(svg, 'no snapshots in this session') : svg;
}

function fragmentationChart(data: ReportData): string {
	const s = data.snapshots;
	const series = [
		{name: 'utilization', color: palette.utilization, points: s.map((p) => [p.event, p.utilization] as const)},
		{name: 'external fragmentation', color: palette.fragmentation, points: s.map((p) => [p.event, p.externalFragmentation] as const)},
	];
	const svg = lineChart({id: 'fragmentation', title: 'Utilization and external fragmentation', series, marks: data.marks, xMax: data.lastEvent, y: {ticks: [0, 0.25, 0.5, 0.75, 1], label: (v) => formatPercent(v, 0)}});
	return s.length === 0 ? emptyNote(svg, 'no snapshots in this session') : svg;
}

function gcChart(data: ReportData): string {
	const bars = data.cycles.map((cycle, i) => ({value: cycle.pauseModeledMs, group: cycle.kind === 'minor' ? 0 : 1, label: `cycle ${i + 1}`}));
	const max = Math.max(0, ...bars.map((bar) => bar.value));
	const ticks = niceRange(max || 1);
	const svg = barChart({
		id: 'gc',
		title: `GC pauses per cycle (modeled; ${data.cycles.length} cycles)`,
		bars,
		groups: [
			{name: 'minor', color: palette.minor},
			{name: 'major / full', color: palette.major},
		],
		y: {ticks, label: pauseLabel},
		xLabel: (i) => String(i + 1),
	});
	return bars.length === 0 ? emptyNote(svg, `no collection cycles (collector ${String(data.summary['collector'] ?? 'none')})`) : svg;
}

/** Modeled pauses are often microseconds: label them so the ticks differ. */
function pauseLabel(ms: number): string {
	if (ms === 0) return '0';
	if (ms < 1) return `${Number((ms * 1000).toPrecision(3))} µs`;
	return formatMs(ms);
}

function leakChart(data: ReportData): string {
	const rows = data.leaks.slice(0, 16).map((leak) => ({
		label: `${leak.site || '(no site)'} · ${leak.kind}`,
		value: leak.bytes,
		color: palette.alert,
		detail: `${leak.kind} at ${leak.site}: ${formatBytes(leak.bytes)} in ${leak.blocks} blocks, first at event ${leak.firstDetected}: ${leak.reason}`,
	}));
	const x = byteTicks(Math.max(1, ...rows.map((row) => row.value)));
	const svg = rowChart({id: 'leaks', title: `Leaks per site (${data.leaks.length})`, rows, x: {ticks: x.ticks, label: x.label}});
	return rows.length === 0 ? emptyNote(svg.replace(/viewBox="0 0 860 \d+"/, 'viewBox="0 0 860 120"'), 'no leak alerts') : svg;
}

function changeList(data: ReportData): string {
	if (data.changes.length === 0) return '<p class="muted">No parameter changes or actions in this session.</p>';
	const items = data.changes.map(
		(change) =>
			`<li><b>#${change.event.toLocaleString('en-US')}</b> ${escapeXml(change.description)} <span class="muted">(${change.origin}${change.initial ? ', before the first event' : ''})</span></li>`,
	);
	return `<ol class="changes">${items.join('')}</ol>`;
}

function keyValueTable(rows: Map<string, unknown>): string {
	const body = [...rows].map(([key, value]) => `<tr><th>${escapeXml(key)}</th><td class="value">${escapeXml(String(value))}</td></tr>`).join('');
	return `<table><tbody>${body}</tbody></table>`;
}

function definedOptions(data: ReportData): Record<string, unknown> {
	const options = data.session.header.options as Record<string, unknown>;
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined).map(([key, value]) => [`option ${key}`, value]));
}
