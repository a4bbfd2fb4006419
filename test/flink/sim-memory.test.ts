import {describe, expect, it} from 'vitest';
import {defaultParams} from '../../source/engine/params.js';
import {FlinkMemory} from '../../source/flink/sim/flink-memory.js';
import {prepareFlinkRun} from '../../source/flink/sim/flink-run.js';
import {flinkSlice} from '../../source/flink/sim/flink-slice.js';
import {FlinkScript, runFlink} from './sim-script.js';

const page = 32 * 1024;

describe('memsim run --flink: managed memory as the heap', () => {
	it('makes the heap the managed memory in whole pages, each request rounded up to pages', async () => {
		const {sim, flink} = await runFlink(new FlinkScript('task slot0/op start\na 1 40000 sort.buffer slot0/op\na 2 100 sort.buffer slot0/op'));
		expect(flink.params).toMatchObject({capacity: 16384 * page, align: page, minBlock: page, header: 0});
		const summary = sim.summary();
		expect(summary.liveBytes).toBe(40100);
		expect(summary.internalFragmentationBytes).toBe(3 * page - 40100);
		expect(flink.memory.pagesInUse).toBe(3);
		expect(flink.memory.summary()).toMatchObject({segmentSize: page, pages: 16384, slots: 1, perSlotPages: 16384, pagesInUse: 3});
	});

	it('refuses a slot whose managed memory is less than one page', () => {
		expect(() => prepareFlinkRun(new Map([['taskmanager.memory.managed.size', '16k']]), undefined, new FlinkScript('tick 1'), defaultParams)).toThrow(
			/less than one page of 32768 bytes/,
		);
	});

	it('refuses a collector or deferred reclamation: managed memory is released explicitly', () => {
		const run = (params: Partial<typeof defaultParams>) => () => prepareFlinkRun(new Map(), undefined, new FlinkScript('tick 1'), {...defaultParams, ...params});
		expect(run({collector: 'mark-sweep'})).toThrow(/--flink: managed memory is released explicitly/);
		expect(run({reclaim: 'lazy'})).toThrow(/--flink: managed memory is released explicitly/);
	});

	it('gives each slot its own MemoryManager and fails a request beyond it as "Could not allocate N pages"', async () => {
		const {sim, flink} = await runFlink(
			new FlinkScript(`
				a 1 ${8192 * page} sort.buffer slot0/op
				a 2 ${page} sort.buffer slot0/op
				a 3 ${8192 * page} sort.buffer slot1/op
				a 4 ${page} sort.buffer slot2/op
				f 2
				f 1`),
			{},
			2,
		);
		const summary = sim.summary();
		expect(flink.memory.model.perSlotPages).toBe(8192);
		expect(summary.failures).toBe(2);
		expect(summary.failedRequests.map(r => r.reason)).toEqual([
			"Could not allocate 1 pages. Only 0 pages are remaining (slot0 (OPERATOR): 8192 of 8192 pages in use, its operator fraction 1 of slot 0's 8192 pages)",
			'Could not allocate 1 pages: the TaskManager has no slot 2 (it has 2; --slots)',
		]);
		expect(summary.invalidFrees).toBe(0);
		expect(flink.memory.summary().failures.map(f => f.owner)).toEqual(['slot0/op', 'slot2/op']);
		expect(flink.memory.pagesInUse).toBe(8192);
	});

	it('charges each consumer its share: state and operators of a slot cannot take each other\'s pages', async () => {
		const source = new FlinkScript(`a 1 ${8193 * page} window.state slot0/op\na 2 ${8192 * page} window.state slot0/op\na 3 ${page} sort.buffer slot0/op`);
		const shaped = Object.assign(source, {
			job: {tasks: [{name: 'op', operatorWeight: 1}], sites: {'window.state': 'STATE_BACKEND' as const}},
			useTaskManager: () => {},
		});
		const {sim} = await runFlink(shaped);
		expect(sim.summary().failedRequests.map(r => r.reason)).toEqual([
			"Could not allocate 8193 pages. Only 8192 pages are remaining (slot0 STATE_BACKEND: 0 of 8192 pages in use, the slot's STATE_BACKEND fraction 0.5 of slot 0's 16384 pages)",
		]);
		expect(sim.summary().liveBlocks).toBe(2);
	});

	it("releases what a task still holds at its end and raises the owner-end alert in Flink's words", async () => {
		const {sim, flink} = await runFlink(
			new FlinkScript(`
				task slot0/sort start
				a 1 40000 sort.buffer slot0/sort
				a 2 100 sort.buffer slot0/sort
				task slot0/sort end
				f 1`),
		);
		const summary = sim.summary();
		expect(summary.liveBytes).toBe(0);
		expect(summary.invalidFrees).toBe(0);
		expect(flink.memory.pagesInUse).toBe(0);
		expect(flink.memory.summary().releasedAtTaskEnd).toEqual([{owner: 'slot0/sort', pages: 3}]);
		const alerts = sim.alerts().filter(alert => alert.kind === 'owner-end');
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({site: 'sort.buffer', owner: 'slot0/sort', bytes: 40100, blocks: 2});
		expect(alerts[0]!.reason).toBe(
			'Not all slot managed memory is freed at slot 0: task slot0/sort ended still holding 3 pages (98304 bytes), which its MemoryManager released',
		);
	});

	it('raises nothing for a task that releases everything before it ends', async () => {
		const {sim} = await runFlink(new FlinkScript('task slot0/sort start\na 1 40000 sort.buffer slot0/sort\nf 1\ntask slot0/sort end'));
		expect(sim.alerts()).toEqual([]);
	});

	it('sends network.gate and network.partition requests to the buffer pool, not the heap', async () => {
		const {sim, flink} = await runFlink(
			new FlinkScript(`
				task slot0/map start
				task slot0/reduce start
				a 1 1024 network.partition slot0/map
				a 2 1024 network.gate slot0/reduce
				a 3 1024 network.gate slot0/reduce
				f 3
				task slot0/map end`),
		);
		const summary = sim.summary();
		expect(summary.liveBytes).toBe(0);
		expect(summary.failures).toBe(1);
		expect(summary.failedRequests[0]!.reason).toMatch(/^Insufficient number of network buffers: required 2049, but only 1022 available\./);
		expect(flink.memory.summary().network).toEqual({buffers: 4096, required: 5123, available: 2047, inUse: 2049, ok: false});
		expect(sim.alerts()).toEqual([]);
	});

	it('gives the dashboard a slice that changes only when a figure does', async () => {
		const {flink} = await runFlink(new FlinkScript(`a 1 ${page} x slot0/op\na 2 20 network.gate slot0/op`));
		const memory: FlinkMemory = flink.memory;
		const slice = flinkSlice(memory);
		expect(slice.managed).toEqual({bytes: 536870920, pages: 16384, usedPages: 1, peakPages: 1});
		expect(slice.network).toEqual({bytes: 134217730, buffers: 4096, usedBuffers: 41, refused: 0});
		expect(slice.segments.map(s => s.label)).toContain('Managed Memory');
		expect(flinkSlice(memory, slice)).toBe(slice);
		memory.release(1);
		expect(flinkSlice(memory, slice).managed.usedPages).toBe(0);
	});
});
