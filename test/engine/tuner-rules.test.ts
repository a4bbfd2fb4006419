import {describe, expect, it} from 'vitest';
import {BanditTuner, epochReward} from '../../source/engine/tuner/bandit.js';
import {powerOfTwoWaste, RulesTuner} from '../../source/engine/tuner/rules.js';
import type {TunerSignals} from '../../source/engine/tuner/tuner.js';

/** A quiet epoch on a 1 MiB growable best-fit heap: nothing failed, nothing grew, no holes. */
function signals(overrides: Partial<TunerSignals> = {}): TunerSignals {
	return {
		event: 1000,
		cause: 'epoch',
		epoch: 256,
		windowEvents: 256,
		requests: 128,
		requestBytes: 128 * 64,
		sizes: new Map([[64, 128]]),
		failures: 0,
		failedBytes: 0,
		quotaFailures: 0,
		strandedFailures: 0,
		grownBytes: 0,
		lastGrowth: 0,
		internalBytes: 0,
		gcCycles: 0,
		gcReclaimedBytes: 0,
		heapBytes: 1 << 20,
		freeBytes: 0,
		largestFreeBytes: 0,
		payloadBytes: 1 << 20,
		externalFragmentation: 0,
		growable: true,
		strategy: 'best-fit',
		collector: 'none',
		reclaim: 'explicit',
		gcTrigger: 0,
		partition: 'shared',
		hasQuotas: false,
		...overrides,
	};
}

/** Holes holding 40% of the heap, none larger than a tenth of them. */
const scattered = {freeBytes: 400 * 1024, largestFreeBytes: 40 * 1024, externalFragmentation: 0.9};

describe('rules tuner: compaction', () => {
	it('compacts when the heap grows past scattered holes that hold an eighth of it', () => {
		const decisions = new RulesTuner().look(signals({...scattered, cause: 'grew', lastGrowth: 512}));
		expect(decisions).toEqual([
			{key: 'compact', reason: 'heap grew 512 B while 39% of the heap was free in holes (fragmentation 90%)'},
		]);
	});

	it('compacts when a request fails with the bytes free in holes', () => {
		const decisions = new RulesTuner().look(signals({...scattered, cause: 'failed', growable: false, failures: 1, failedBytes: 4096}));
		expect(decisions.map(d => d.key)).toEqual(['compact']);
	});

	it('leaves small or unscattered holes alone, and growth that no hole could have held', () => {
		const rules = new RulesTuner();
		expect(rules.look(signals({cause: 'grew', lastGrowth: 512, freeBytes: 100 * 1024, externalFragmentation: 0.9}))).toEqual([]);
		expect(rules.look(signals({cause: 'grew', lastGrowth: 512, freeBytes: 400 * 1024, externalFragmentation: 0.3}))).toEqual([]);
		expect(rules.look(signals({...scattered, cause: 'grew', lastGrowth: 500 * 1024}))).toEqual([]);
	});

	it('compacts at most once per epoch', () => {
		const rules = new RulesTuner();
		expect(rules.look(signals({...scattered, cause: 'grew', lastGrowth: 64, event: 1000}))).toHaveLength(1);
		expect(rules.look(signals({...scattered, cause: 'grew', lastGrowth: 64, event: 1200}))).toEqual([]);
		expect(rules.look(signals({...scattered, cause: 'grew', lastGrowth: 64, event: 1256}))).toHaveLength(1);
	});
});

describe('rules tuner: partition, GC trigger, placement', () => {
	it('turns a static partition elastic when quota failures find the bytes idle elsewhere', () => {
		const look = new RulesTuner().look(signals({partition: 'static', hasQuotas: true, quotaFailures: 3, strandedFailures: 2, cause: 'failed'}));
		expect(look).toEqual([{key: 'partition', value: 'elastic', reason: '2 quota failures while other quotas had the bytes idle'}]);
	});

	it('sets an occupancy trigger when garbage waits for a collection and the heap grows instead', () => {
		const look = new RulesTuner().look(signals({collector: 'mark-sweep', reclaim: 'gc', grownBytes: 4096}));
		expect(look).toEqual([{key: 'gc-trigger', value: '75', reason: 'garbage waits for a collection and the heap grew 4096 B instead'}]);
	});

	it('raises the trigger when frequent collections return little', () => {
		const look = new RulesTuner().look(signals({collector: 'mark-sweep', gcTrigger: 70, gcCycles: 5, gcReclaimedBytes: 5 * 1024}));
		expect(look).toEqual([{key: 'gc-trigger', value: '80', reason: '5 collections returned 1024 B each'}]);
	});

	it('moves a loose fit that grew past its holes to best-fit, then waits four epochs before switching again', () => {
		const rules = new RulesTuner();
		const wasteful = signals({strategy: 'first-fit', grownBytes: 8192, freeBytes: 65536});
		expect(rules.look(wasteful)).toEqual([{key: 'strategy', value: 'best-fit', reason: 'first-fit grew or failed with 65536 B free in holes'}]);
		for (let i = 0; i < 3; i++) expect(rules.look(wasteful)).toEqual([]);
		expect(rules.look(wasteful)).toHaveLength(1);
	});

	it('keeps best-fit and tlsf where they are', () => {
		for (const strategy of ['best-fit', 'tlsf']) {
			expect(new RulesTuner().look(signals({strategy, grownBytes: 8192, freeBytes: 65536}))).toEqual([]);
		}
	});

	it('leaves buddy when requests waste more than a quarter on rounding', () => {
		expect(powerOfTwoWaste(new Map([[64, 10]]))).toBe(0);
		expect(powerOfTwoWaste(new Map([[80, 1]]))).toBeCloseTo(48 / 80);
		const look = new RulesTuner().look(signals({strategy: 'buddy', sizes: new Map([[80, 100]])}));
		expect(look).toEqual([{key: 'strategy', value: 'best-fit', reason: 'power-of-two rounding wastes 60% of the requested bytes'}]);
		expect(new RulesTuner().look(signals({strategy: 'buddy', sizes: new Map([[64, 100]])}))).toEqual([]);
	});

	it('only compacts and changes partitions between epochs', () => {
		const look = new RulesTuner().look(signals({cause: 'grew', strategy: 'first-fit', grownBytes: 8192, freeBytes: 65536, lastGrowth: 8192}));
		expect(look).toEqual([]);
	});
});

describe('bandit tuner', () => {
	it('rewards an epoch by the share of its requests that neither grew the heap, failed nor went to rounding', () => {
		expect(epochReward(signals())).toBe(1);
		expect(epochReward(signals({requestBytes: 1000, grownBytes: 250, failedBytes: 100, internalBytes: 150}))).toBe(0.5);
		expect(epochReward(signals({requestBytes: 1000, grownBytes: 5000}))).toBe(0);
		expect(epochReward(signals({requestBytes: 0}))).toBeUndefined();
	});

	it('is reproducible: the same signals give the same decisions', () => {
		const play = (): string[] => {
			const bandit = new BanditTuner();
			let strategy = 'best-fit';
			const actions: string[] = [];
			for (let i = 0; i < 200; i++) {
				const reward = strategy === 'tlsf' ? 0 : 0.5;
				for (const d of bandit.look(signals({strategy, requestBytes: 1000, grownBytes: (1 - reward) * 1000}))) {
					strategy = d.value!;
					actions.push(`${i}:${strategy}`);
				}
			}
			return actions;
		};
		const first = play();
		expect(first.length).toBeGreaterThan(0);
		expect(play()).toEqual(first);
	});

	it('settles on the arm with the best mean reward', () => {
		const bandit = new BanditTuner();
		let strategy = 'tlsf';
		const rewards: Record<string, number> = {'best-fit': 0.9, tlsf: 0.5, 'first-fit': 0.2};
		const time: Record<string, number> = {};
		for (let i = 0; i < 400; i++) {
			time[strategy] = (time[strategy] ?? 0) + 1;
			const decisions = bandit.look(signals({strategy, requestBytes: 1000, grownBytes: (1 - rewards[strategy]!) * 1000}));
			if (decisions.length > 0) strategy = decisions[0]!.value!;
		}
		expect(time['best-fit']).toBeGreaterThan(300);
	});

	it('ignores growth and failure looks: it pulls once per epoch', () => {
		expect(new BanditTuner().look(signals({cause: 'grew'}))).toEqual([]);
	});
});
