import {statSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {EventBatch} from '../engine/events.js';
import {openTrace} from '../workloads/open-trace.js';
import {median} from './median.js';

/** Median MB/s (10^6 bytes) of parsing a whole trace file, events discarded as they come, after an untimed warm-up pass. */
export async function parseSpeed(file: string, runs = 5, warmup = 1): Promise<{megabytesPerSec: number; events: number}> {
	const bytes = statSync(file).size;
	const samples: number[] = [];
	let events = 0;
	const batch = new EventBatch(1 << 14);
	for (let run = 0; run < warmup + runs; run++) {
		const t0 = performance.now();
		const source = await openTrace(file);
		events = 0;
		for (;;) {
			batch.clear();
			const read = await source.read(batch);
			if (read === 0) break;
			events += read;
		}
		await source.close();
		if (run >= warmup) samples.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
	}
	return {megabytesPerSec: median(samples), events};
}
