import {describe, expect, it} from 'vitest';
import {FlinkConfigError} from '../../source/flink/errors.js';
import type {FlinkJobShape} from '../../source/flink/sim/job-shape.js';
import {buildTaskManagerModel, fractionRoundedDown, pagesOfFraction, slotShares} from '../../source/flink/sim/managed-memory-model.js';
import {gateBuffers, insufficientBuffers, NetworkBufferPool, partitionBuffers} from '../../source/flink/sim/network-buffer-pool.js';
import {pagesFor, SlotMemoryManager} from '../../source/flink/sim/slot-memory-manager.js';
import {conf} from './helpers.js';

const KiB32 = 32 * 1024;
const stateAndOperator: FlinkJobShape = {
	tasks: [{name: 'sort', operatorWeight: 2}, {name: 'join', operatorWeight: 1}],
	sites: {'window.state': 'STATE_BACKEND', 'sort.buffer': 'OPERATOR'},
};

describe('the simulated TaskManager', () => {
	it("uses Flink's shipped 1728m TaskManager when nothing sizes one: 16384 pages, 4096 buffers", () => {
		const model = buildTaskManagerModel(new Map());
		expect(model.managedBytes).toBe(536870920);
		expect(model.segmentSize).toBe(KiB32);
		expect(model.pages).toBe(16384);
		expect(model).toMatchObject({slots: 1, perSlotBytes: 536870920, perSlotPages: 16384});
		expect(model.network).toEqual({bytes: 134217730, buffers: 4096, buffersPerChannel: 2, floatingPerGate: 8});
	});

	it('divides managed memory among slots by integer division, then into whole pages', () => {
		const model = buildTaskManagerModel(conf({'taskmanager.numberOfTaskSlots': '3'}));
		expect(model.slots).toBe(3);
		expect(model.perSlotBytes).toBe(178956973); // 536870920 / 3, rounded down
		expect(model.perSlotPages).toBe(5461); // 178956973 / 32768, rounded down
		expect(model.pages).toBe(16384);
		expect(3 * model.perSlotPages).toBeLessThanOrEqual(model.pages);
	});

	it('lets --slots win over taskmanager.numberOfTaskSlots', () => {
		expect(buildTaskManagerModel(conf({'taskmanager.numberOfTaskSlots': '3'}), 4).perSlotPages).toBe(4096);
	});

	it('cuts pages of taskmanager.memory.segment-size', () => {
		const model = buildTaskManagerModel(conf({'taskmanager.memory.process.size': '1728m', 'taskmanager.memory.segment-size': '64kb'}));
		expect(model.pages).toBe(8192);
		expect(model.network.buffers).toBe(2048);
	});

	it('refuses a configuration Flink refuses, naming the keys', () => {
		const run = () => buildTaskManagerModel(conf({'taskmanager.memory.flink.size': '499m', 'taskmanager.memory.task.heap.size': '100m', 'taskmanager.memory.managed.size': '400m'}));
		expect(run).toThrow(FlinkConfigError);
		try {
			run();
		} catch (error) {
			expect((error as FlinkConfigError).keys).toEqual(expect.arrayContaining(['taskmanager.memory.flink.size', 'taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size']));
		}
		expect(() => buildTaskManagerModel(conf({'taskmanager.numberOfTaskSlots': '0'}))).toThrow(/taskmanager.numberOfTaskSlots/);
		expect(() => buildTaskManagerModel(conf({'taskmanager.memory.segment-size': '3000'}))).toThrow(/Minimum memory segment size is 4096/);
	});
});

describe("Flink's fractions", () => {
	it('cuts a fraction to four decimals, never rounding up (getFractionRoundedDown)', () => {
		expect(fractionRoundedDown(70, 140)).toBe(0.5);
		expect(fractionRoundedDown(2, 3)).toBe(0.6666);
		expect(fractionRoundedDown(1, 3)).toBe(0.3333);
		expect(fractionRoundedDown(70, 170)).toBe(0.4117);
		expect(fractionRoundedDown(30, 170)).toBe(0.1764);
		expect(fractionRoundedDown(5, 0)).toBe(0);
	});

	it('takes (int) (pages x fraction) pages (computeNumberOfPages)', () => {
		expect(pagesOfFraction(16384, 0.4117)).toBe(6745);
		expect(pagesOfFraction(16384, 0.6666 * 0.5)).toBe(5460);
		expect(pagesOfFraction(16384, 0)).toBe(0);
	});

	it('shares a slot among the use cases present by weight, and OPERATOR among operators by weight', () => {
		const shares = slotShares(buildTaskManagerModel(new Map()), stateAndOperator);
		expect(Object.fromEntries(shares.useCases)).toEqual({
			OPERATOR: {weight: 70, fraction: 0.5, pages: 8192},
			STATE_BACKEND: {weight: 70, fraction: 0.5, pages: 8192},
		});
		expect(Object.fromEntries(shares.operators)).toEqual({
			sort: {weight: 2, fraction: 0.6666 * 0.5, pages: 5460},
			join: {weight: 1, fraction: 0.3333 * 0.5, pages: 2730},
		});
	});

	it('follows taskmanager.memory.managed.consumer-weights, PYTHON included', () => {
		const model = buildTaskManagerModel(conf({'taskmanager.memory.managed.consumer-weights': 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30'}));
		const shares = slotShares(model, {tasks: [{name: 'udf', operatorWeight: 1}], sites: {'window.state': 'STATE_BACKEND', 'python.worker': 'PYTHON'}});
		expect(shares.useCases.get('OPERATOR')).toEqual({weight: 70, fraction: 0.4117, pages: 6745});
		expect(shares.useCases.get('STATE_BACKEND')).toEqual({weight: 70, fraction: 0.4117, pages: 6745});
		expect(shares.useCases.get('PYTHON')).toEqual({weight: 30, fraction: 0.1764, pages: 2890});
	});

	it('gives a use case left out of the weights nothing', () => {
		const model = buildTaskManagerModel(conf({'taskmanager.memory.managed.consumer-weights': 'STATE_BACKEND:1'}));
		const shares = slotShares(model, stateAndOperator);
		expect(shares.useCases.get('STATE_BACKEND')!.pages).toBe(16384);
		expect(shares.useCases.get('OPERATOR')!.pages).toBe(0);
		expect(shares.operators.get('sort')!.pages).toBe(0);
	});
});

describe("a slot's MemoryManager", () => {
	it('rounds every request up to whole pages', () => {
		expect(pagesFor(1, KiB32)).toBe(1);
		expect(pagesFor(KiB32, KiB32)).toBe(1);
		expect(pagesFor(KiB32 + 1, KiB32)).toBe(2);
		expect(pagesFor(0, KiB32)).toBe(1);
	});

	it('fails a request beyond its budget as "Could not allocate N pages", and takes pages back', () => {
		const manager = new SlotMemoryManager(0, 100);
		const budget = {label: 'slot0/sort (OPERATOR)', useCase: 'OPERATOR' as const, fraction: 0.4, limit: 40, used: 0};
		expect(manager.allocate(1, 7, budget, 30)).toBeUndefined();
		expect(manager.allocate(2, 7, budget, 11)).toBe(
			"Could not allocate 11 pages. Only 10 pages are remaining (slot0/sort (OPERATOR): 30 of 40 pages in use, its operator fraction 0.4 of slot 0's 100 pages)",
		);
		expect(manager.allocate(3, 7, budget, 10)).toBeUndefined();
		expect(manager.pagesOf(7)).toBe(40);
		expect(manager.release(1)).toBe(true);
		expect(manager.release(1)).toBe(false);
		expect(manager.releaseAll(7)).toEqual([3]);
		expect([manager.used, budget.used, manager.releasedAtTaskEnd]).toEqual([0, 0, 10]);
	});
});

describe('the network buffer pool', () => {
	const network = buildTaskManagerModel(new Map()).network;

	it('needs channels x 2 + 1 buffers for an input gate and subpartitions + 1 for a pipelined partition', () => {
		expect(gateBuffers(16, network)).toBe(33);
		expect(gateBuffers(1024, network)).toBe(2049);
		expect(partitionBuffers(16)).toBe(17);
		expect(gateBuffers(16, {buffersPerChannel: 4, floatingPerGate: 0})).toBe(64);
	});

	it("fails a request beyond the pool with Flink's message, the numbers and the keys to raise", () => {
		const pool = new NetworkBufferPool(network, KiB32);
		expect(pool.request(1, 1, 'slot0/reduce', 'gate', 1024)).toBeUndefined();
		expect(pool.request(2, 1, 'slot0/reduce', 'partition', 1024)).toBeUndefined();
		const reason = pool.request(3, 1, 'slot0/reduce', 'gate', 1024);
		expect(reason).toBe(
			`${insufficientBuffers(2049, 1022, 4096, KiB32)} (slot0/reduce: input gate of 1024 channels x 2 buffers + 1 floating = 2049; 3074 of 4096 buffers are already required)`,
		);
		expect(reason).toMatch(/^Insufficient number of network buffers: required 2049, but only 1022 available\. The total number of network buffers is currently set to 4096 of 32768 bytes each\./);
		expect(reason).toContain("'taskmanager.memory.network.fraction', 'taskmanager.memory.network.min', and 'taskmanager.memory.network.max'");
		expect([pool.required, pool.peakDemand, pool.failures]).toEqual([3074, 5123, 1]);
		pool.releaseOwner(1);
		expect(pool.required).toBe(0);
	});
});
