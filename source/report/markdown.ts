import {formatBytes, formatMs, formatPercent} from '../format/units.js';
import type {ReportData} from './report-data.js';

/** `memsim report FILE --md`: the session in a few Markdown tables, for an issue or a pull request. */
export function markdownReport(data: ReportData): string {
	const {header, end} = data.session;
	const s = data.summary;
	const w = header.workload;
	const workload = w.kind === 'generator' ? `\`${w.name}\` (seed ${w.seed}${w.events === undefined ? '' : `, ${w.events} events`})` : `trace \`${w.path}\` (SHA-256 \`${w.sha256.slice(0, 16)}…\`)`;
	const lines = [
		`### memsim session: ${w.kind === 'generator' ? w.name : w.path}`,
		'',
		`${workload}, recorded ${header.recordedAt} with memsim ${header.memsim} on ${header.host.os} (${header.host.cpu}).`,
		`${data.lastEvent.toLocaleString('en-US')} events${end ? `, ${end.reason}` : ', cut off'}.`,
	];
	if (data.warning) lines.push('', `> **Warning:** ${data.warning}${data.replayed ? ' (summary from replaying what the file holds)' : ''}`);
	const gc = (s['gc'] ?? {}) as Record<string, number>;
	const figures: Array<[string, string]> = [
		['strategy', `${String(header.params.strategy)} → ${String(s['strategy'])}`],
		['heap', s['heapCapacity'] === 'grow' ? 'growable' : formatBytes(Number(s['heapCapacity']))],
		['allocs / frees / reallocs', `${num(s['allocs'])} / ${num(s['frees'])} / ${num(s['reallocs'])}`],
		['failures', `${num(s['failures'])} (${formatBytes(Number(s['failedBytes'] ?? 0))} asked)`],
		['peak live', `${formatBytes(Number(s['peakLiveBytes'] ?? 0))} in ${num(s['peakLiveBlocks'])} blocks`],
		['high-water mark', formatBytes(Number(s['highWaterBytes'] ?? 0))],
		['peak utilization', formatPercent(Number(s['peakUtilization'] ?? 0))],
		['external fragmentation', `${formatPercent(Number(s['externalFragmentation'] ?? 0))} at the end, ${formatPercent(Number(s['maxExternalFragmentation'] ?? 0))} at worst`],
		['internal fragmentation', formatBytes(Number(s['internalFragmentationBytes'] ?? 0))],
		['collector', `${String(s['collector'] ?? 'none')}: ${num(gc['cycles'] ?? 0)} cycles, ${formatBytes(gc['reclaimedBytes'] ?? 0)} reclaimed, pauses ${formatMs(gc['pauseTotal'] ?? 0)} total, ${formatMs(gc['pauseMax'] ?? 0)} max (modeled)`],
		['leak alerts', String(data.leaks.length)],
	];
	lines.push('', '| figure | value |', '| --- | --- |', ...figures.map(([k, v]) => `| ${k} | ${cell(v)} |`));
	if (data.changes.length > 0) {
		lines.push('', '**Parameter changes**', '', '| event | change | origin |', '| ---: | --- | --- |');
		for (const change of data.changes) lines.push(`| ${change.event} | ${cell(change.description)} | ${change.origin} |`);
	}
	if (data.leaks.length > 0) {
		lines.push('', '**Leaks per site**', '', '| site | kind | bytes | blocks | first at event |', '| --- | --- | ---: | ---: | ---: |');
		for (const leak of data.leaks.slice(0, 20)) lines.push(`| \`${cell(leak.site || '(no site)')}\` | ${leak.kind} | ${formatBytes(leak.bytes)} | ${leak.blocks} | ${leak.firstDetected} |`);
	}
	const params = Object.entries(header.params).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
	lines.push('', '<details><summary>Parameters at the start</summary>', '', '```', ...params, '```', '</details>', '');
	return lines.join('\n');
}

function num(value: unknown): string {
	return typeof value === 'number' ? value.toLocaleString('en-US') : String(value ?? '?');
}

/** A table cell cannot hold a pipe or a newline. */
function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
