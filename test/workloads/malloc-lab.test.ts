import {describe, expect, it} from 'vitest';
import {openMallocLab} from '../../source/workloads/malloc-lab.js';
import {brief, liveAfter, readEvents} from './read-events.js';

const traces = 'fixtures/traces';

describe('malloc-lab traces', () => {
	it('reads the four-line header handout trace short1-bal.rep', async () => {
		const source = await openMallocLab(`${traces}/short1-bal.rep`);
		expect(source.hasGraph).toBe(false);
		const events = await readEvents(source);
		expect(events.map(brief)).toEqual([
			'a 0 2040 @5',
			'a 1 2040 @6',
			'f 1 0 @7',
			'a 2 48 @8',
			'a 3 4072 @9',
			'f 3 0 @10',
			'a 4 4072 @11',
			'f 0 0 @12',
			'f 2 0 @13',
			'a 5 4072 @14',
			'f 4 0 @15',
			'f 5 0 @16',
		]);
		// "-bal": every allocation is freed.
		expect(liveAfter(events)).toEqual({bytes: 0, blocks: 0});
	});

	it('reads a two-line header (ids, operations)', async () => {
		const events = await readEvents(await openMallocLab(`${traces}/two-line-header.rep`));
		expect(events.map(brief)).toEqual(['a 0 100 @3', 'r 0 200 @4', 'a 1 8 @5', 'f 0 0 @6']);
	});

	it('reads gzip detected by magic bytes when the name says .rep', async () => {
		const plain = await readEvents(await openMallocLab(`${traces}/short1-bal.rep`));
		expect(await readEvents(await openMallocLab(`${traces}/gzipped-without-suffix.rep`))).toEqual(plain);
	});

	it.each([
		['short-count.rep', 'short-count.rep:7: the header promises 4 operations (line 3) but the trace holds 3'],
		['extra-op.rep', 'extra-op.rep:7: operation 3 is one more than the 2 the header promises (line 3)'],
		[
			'three-line-header.rep',
			'three-line-header.rep:3: a malloc-lab header has 4 integer lines (heap size, ids, operations, weight) or 2 (ids, operations), not 3',
		],
		['bad-op.rep', "bad-op.rep:6: unknown operation 'x' (expected a <id> <bytes>, f <id> or r <id> <bytes>)"],
	])('rejects %s at FILE:LINE', async (file, message) => {
		await expect(readEvents(await openMallocLab(`${traces}/${file}`))).rejects.toThrow(`${traces}/${message}`);
	});
});
