import {counted, formatBytes} from '../../format/units.js';
import type {FlinkMemory} from './flink-memory.js';

/** The `flink` part of the headless summary, as the lines under the heap's figures. */
export function flinkSummaryText(flink: ReturnType<FlinkMemory['summary']>): string {
	const page = flink.segmentSize;
	const shares = Object.entries({...flink.consumers, ...flink.operators}).map(
		([name, share]) => `${name} ${share.pagesPerSlot} pages (fraction ${share.fraction})`,
	);
	const rows: Array<[string, string]> = [
		[
			'flink managed',
			`${formatBytes(flink.managedBytes)}: ${flink.pages} pages of ${formatBytes(page)}, ${counted(flink.slots, 'slot')} of ${flink.perSlotPages} pages`,
		],
		['flink shares per slot', shares.length > 0 ? shares.join(', ') : 'none (no managed memory consumers)'],
		['flink pages in use', `${flink.pagesInUse} now, ${flink.peakPagesInUse} at peak`],
		['flink network', `${flink.network.buffers} buffers; ${flink.network.required} required at most, ${flink.network.inUse} now${flink.network.ok ? '' : ' (refused)'}`],
		['flink refused', String(flink.failureCount)],
	];
	for (const {owner, pages} of flink.releasedAtTaskEnd) rows.push(['flink not freed', `task ${owner} ended holding ${pages} pages`]);
	if (flink.failures[0]) rows.push(['flink first refusal', `${flink.failures[0].owner}: ${flink.failures[0].reason}`]);
	const width = Math.max(...rows.map(([label]) => label.length));
	return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
