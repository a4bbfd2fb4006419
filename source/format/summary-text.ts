import type {Summary} from '../engine/metrics.js';
import {sectionRows} from './summary-sections.js';
import {counted, formatBytes, formatPercent} from './units.js';

/** The headless summary as aligned text, every figure with its unit. */
export function summaryText(summary: Summary & Record<string, unknown>): string {
	const rows: Array<[string, string]> = [
		['workload', String(summary.workload)],
		['strategy', String(summary.strategy)],
		['heap', summary.heapCapacity === 'grow' ? 'growable' : formatBytes(summary.heapCapacity as number)],
		['events', `${summary.events} (${summary.allocs} allocs, ${summary.frees} frees, ${summary.reallocs} reallocs)`],
		['failures', `${summary.failures} (${formatBytes(summary.failedBytes)} asked)`],
		['invalid frees', String(summary.invalidFrees)],
		['live', `${formatBytes(summary.liveBytes)} in ${counted(summary.liveBlocks, 'block')}`],
		['peak live', `${formatBytes(summary.peakLiveBytes)} in ${counted(summary.peakLiveBlocks, 'block')}`],
		['high-water mark', formatBytes(summary.highWaterBytes)],
		['heap size', formatBytes(summary.heapBytes)],
		['peak utilization', formatPercent(summary.peakUtilization)],
		['internal fragmentation', formatBytes(summary.internalFragmentationBytes)],
		['external fragmentation', `${formatPercent(summary.externalFragmentation)} now, ${formatPercent(summary.maxExternalFragmentation)} at worst`],
		['free', `${formatBytes(summary.freeBytes)} in ${counted(summary.freeBlocks, 'block')}, largest ${formatBytes(summary.largestFreeBytes)}`],
		['speed', `${summary.eventsPerSec} events/s`],
	];
	const anomalies = Object.entries(summary.anomalies);
	for (const [kind, anomaly] of anomalies) {
		rows.push([`anomaly ${kind}`, `${anomaly.count} (first at line ${anomaly.firstLine}, event ${anomaly.firstEvent})`]);
	}
	rows.push(...sectionRows(summary));
	const width = Math.max(...rows.map(([label]) => label.length));
	return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
