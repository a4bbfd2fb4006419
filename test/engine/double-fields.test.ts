import {describe, expect, it} from 'vitest';
import {startAsDoubles} from '../../source/engine/double-fields.js';
import {BlockTable} from '../../source/engine/blocks.js';
import {defaultHeapParams, Heap} from '../../source/engine/heap.js';
import {findStrategy} from '../../source/engine/strategies/registry.js';
import {Metrics} from '../../source/engine/metrics.js';

describe('fields started as doubles', () => {
	it('end at exactly 0 (not -0) and keep counting', () => {
		const counters = {bytes: 0, other: 7};
		startAsDoubles(counters, ['bytes']);
		expect(Object.is(counters.bytes, 0)).toBe(true);
		expect(counters.other).toBe(7);
		counters.bytes += 4096;
		expect(counters.bytes).toBe(4096);
	});

	it('leave a new heap and new metrics with their totals at 0', () => {
		const blocks = new BlockTable(8);
		const heap = new Heap({...defaultHeapParams, capacity: 'grow'}, findStrategy('tlsf').create({blocks, firstBlock: () => heap.first}), blocks);
		for (const total of [heap.top, heap.highWater, heap.usedBlockBytes, heap.payloadBytes, heap.freeBytes, heap.reservedBytes]) expect(Object.is(total, 0)).toBe(true);
		const metrics = new Metrics();
		for (const total of [metrics.failedBytes, metrics.peakLiveBytes, metrics.highWaterBytes, metrics.maxExternalFragmentation, metrics.simulationMs]) {
			expect(Object.is(total, 0)).toBe(true);
		}
	});
});
