import type {Summary} from '../engine/metrics.js';
import {formatBytes, formatPercent} from './units.js';

export type SummaryRow = [label: string, value: string];

/** The parts of a summary past the heap's figures; a recording made before one existed lacks it. */
export type SummarySections = Partial<Pick<Summary, 'collector' | 'reclaim' | 'gc' | 'leaks' | 'repairs' | 'lazyQueueBytes' | 'lazyQueueBlocks' | 'owners' | 'partition' | 'tuner'>>;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Pauses are modeled milliseconds: always said in ms. */
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Collector and reclaim mode, gc totals, leak alerts, owners, and the tuner's decisions: label, value. */
export function sectionRows(summary: SummarySections): SummaryRow[] {
	const rows: SummaryRow[] = [];
	if (summary.collector !== undefined || summary.reclaim !== undefined) {
		rows.push(['collector', `${summary.collector ?? 'none'}, reclaim ${summary.reclaim ?? 'explicit'}`]);
	}
	if (summary.lazyQueueBlocks) {
		rows.push(['lazy queue', `${formatBytes(summary.lazyQueueBytes ?? 0)} in ${plural(summary.lazyQueueBlocks, 'block')}`]);
	}
	const gc = summary.gc;
	if (gc) {
		rows.push([
			'gc',
			`${plural(gc.cycles, 'cycle')} (${gc.minorCycles} minor, ${gc.majorCycles} major), reclaimed ${formatBytes(gc.reclaimedBytes)}, ` +
				`moved ${formatBytes(gc.movedBytes)}, pauses ${ms(gc.pauseTotal)} total, ${ms(gc.pauseMax)} max`,
		]);
	}
	for (const leak of summary.leaks ?? []) {
		rows.push([
			`leak ${leak.kind}`,
			`${leak.site}: ${formatBytes(leak.bytes)} in ${plural(leak.blocks, 'block')}, owner ${leak.owner || '-'}, since event ${leak.firstDetected} (${leak.reason})`,
		]);
	}
	const repairs = summary.repairs;
	if (repairs && repairs.count > 0) {
		rows.push(['repairs', `${plural(repairs.count, 'repair')}, freed ${formatBytes(repairs.bytes)} in ${plural(repairs.blocks, 'block')}`]);
	}
	rows.push(...ownerRows(summary));
	const tuner = summary.tuner;
	if (tuner && tuner.mode !== 'off') {
		const listed = tuner.decisions.length < tuner.decisionCount ? ` (first ${tuner.decisions.length} listed)` : '';
		rows.push(['tuner', `${tuner.mode}, ${plural(tuner.decisionCount, 'decision')}${listed}`]);
		for (const decision of tuner.decisions) rows.push([`tuner #${decision.event}`, `${decision.action} (${decision.reason})`]);
	}
	return rows;
}

/** The partition and a row per owner, when there are quotas or an owner failed. */
function ownerRows({owners = [], partition}: SummarySections): SummaryRow[] {
	const mode = partition?.mode ?? 'shared';
	if (mode === 'shared' && !owners.some(owner => owner.failures > 0)) return [];
	const rows: SummaryRow[] = [];
	if (partition) {
		rows.push([
			'partition',
			`${mode}: ${plural(partition.quotaFailures, 'quota failure')}, ${plural(partition.strandedFailures, 'stranded failure')}, ` +
				`${plural(partition.collections, 'collection')}, ${plural(partition.evictions, 'eviction')}`,
		]);
	}
	for (const row of owners) {
		const quota = row.quotaBytes === null ? 'no quota' : `quota ${formatBytes(row.quotaBytes)} (peak ${formatPercent(row.quotaBytes > 0 ? row.peakBytes / row.quotaBytes : 0)})`;
		const extra = [
			row.strandedBytes > 0 && `${formatBytes(row.strandedBytes)} stranded`,
			row.borrowedBytes > 0 && `${formatBytes(row.borrowedBytes)} borrowed`,
			row.evictions > 0 && plural(row.evictions, 'eviction'),
		].filter(Boolean);
		rows.push([
			`owner ${row.owner}`,
			[`${formatBytes(row.liveBytes)} live, peak ${formatBytes(row.peakBytes)}`, quota, plural(row.failures, 'failure'), ...extra].join(', '),
		]);
	}
	return rows;
}
