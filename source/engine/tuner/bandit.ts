import {Rng} from '../rng.js';
import type {Tuner, TunerDecision, TunerSignals} from './tuner.js';

/**
 * The strategies the bandit chooses among (its arms): the fits that search for a good hole. Buddy,
 * next-fit and segregated are left out: the space they lose (rounding, scattering the heap, holes of
 * the wrong class) outlives the epoch that pulled them, which a per-epoch reward cannot see. Measured
 * on the synthetic workloads: one exploring epoch of next-fit or segregated cost leaky 40 points.
 */
export const banditArms = ['best-fit', 'tlsf', 'first-fit'] as const;

export const banditSettings = {
	/** Chance per epoch of trying another arm than the greedy choice. */
	epsilon: 0.05,
	/** Subtracted from every arm but the current one: a switch rebuilds the index and strands old placements. */
	switchCost: 0.05,
	/** Seed of the exploration draws (the engine never calls Math.random). */
	seed: 0x7e5a,
} as const;

/**
 * The reward of an epoch: 1 minus the share of the requested bytes that grew the heap, failed, or
 * went to rounding (internal fragmentation added), so an epoch that reused free space exactly scores
 * 1 and one that had to extend by everything it asked for scores 0. Epochs with no requests teach nothing.
 */
export function epochReward(s: TunerSignals): number | undefined {
	if (s.requestBytes <= 0) return undefined;
	const lost = Math.max(0, s.grownBytes) + s.failedBytes + Math.max(0, s.internalBytes);
	return Math.max(0, Math.min(1, 1 - lost / s.requestBytes));
}

/**
 * `--tuner bandit`: epsilon-greedy over placement strategies, one pull per epoch. The arm in use
 * during an epoch is credited with that epoch's reward. Then, with chance epsilon, another arm is
 * tried; otherwise the arm with the best mean reward, where every arm but the current one pays the
 * switching cost and an arm never tried counts as the current arm's mean minus that cost (so only
 * exploration tries it). Draws come from a seeded generator: a run is reproducible.
 * It only switches strategies; compaction, the GC trigger and partitions are the rules' business.
 */
export class BanditTuner implements Tuner {
	readonly mode = 'bandit';
	readonly reactive = false;
	private readonly pulls = new Map<string, number>();
	private readonly total = new Map<string, number>();
	private readonly rng = new Rng(banditSettings.seed);

	look(s: TunerSignals): TunerDecision[] {
		if (s.cause !== 'epoch') return [];
		const reward = epochReward(s);
		if (reward === undefined) return [];
		const current = s.strategy;
		this.pulls.set(current, (this.pulls.get(current) ?? 0) + 1);
		this.total.set(current, (this.total.get(current) ?? 0) + reward);
		const others = banditArms.filter(arm => arm !== current);
		if (this.rng.chance(banditSettings.epsilon)) {
			const arm = this.rng.pick(others);
			return [{key: 'strategy', value: arm, reason: `explore ${arm} (epsilon ${banditSettings.epsilon}; ${current} reward ${reward.toFixed(2)})`}];
		}
		const stay = this.mean(current);
		let best: {arm: string; score: number} = {arm: current, score: stay};
		for (const arm of others) {
			const score = (this.pulls.has(arm) ? this.mean(arm) : stay) - banditSettings.switchCost;
			if (score > best.score) best = {arm, score};
		}
		if (best.arm === current) return [];
		return [{key: 'strategy', value: best.arm, reason: `mean reward ${this.mean(best.arm).toFixed(2)} over ${current}'s ${stay.toFixed(2)}`}];
	}

	/** Mean reward of an arm so far (0 before its first pull). */
	mean(arm: string): number {
		const n = this.pulls.get(arm) ?? 0;
		return n > 0 ? this.total.get(arm)! / n : 0;
	}
}
