import type {Tuner, TunerDecision, TunerSignals} from './tuner.js';

/**
 * The documented thresholds of `--tuner rules` (README: "The adaptive tuner"). Each rule names the
 * signal it reads; none knows any workload.
 */
export const ruleThresholds = {
	/** Compact when the free holes hold at least this share of the heap... */
	compactFreeShare: 1 / 8,
	/** ...and are scattered: external fragmentation (1 - largest hole / free bytes) at least this. */
	compactFragmentation: 0.5,
	/** Collections per window that count as frequent, and the yield per cycle (share of the heap) that is too little. */
	busyCycles: 4,
	poorYield: 1 / 20,
	/** Occupancy trigger the tuner sets when garbage only goes at a collection and the heap grows instead. */
	gcTriggerOn: 75,
	gcTriggerStep: 10,
	gcTriggerMax: 95,
	/** A buddy heap whose requests waste more than this share on rounding goes back to best-fit. */
	buddyWaste: 1 / 4,
	/** Epochs between two strategy switches (placements stay where they are: flapping only costs). */
	switchEvery: 4,
} as const;

const looseFits = new Set(['first-fit', 'next-fit', 'worst-fit']);

function percent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

function nextPowerOfTwo(n: number): number {
	let p = 1;
	while (p < n) p *= 2;
	return p;
}

/** Share of the window's requested bytes a power-of-two size class would add. */
export function powerOfTwoWaste(sizes: ReadonlyMap<number, number>): number {
	let bytes = 0;
	let rounded = 0;
	for (const [size, count] of sizes) {
		bytes += size * count;
		rounded += nextPowerOfTwo(size) * count;
	}
	return bytes > 0 ? (rounded - bytes) / bytes : 0;
}

/**
 * `--tuner rules`: a few rules, each a documented threshold on one signal, checked in order.
 *
 * 1. Compaction (any look). Free holes hold at least 1/8 of the heap, scattered (external
 *    fragmentation at least 0.5), and the heap just grew past them or a request just failed with
 *    those bytes free: slide the blocks down once, so the holes become one free block. It runs at
 *    most once per epoch. Peak utilization divides by the highest address ever used, so space lost
 *    to fragmentation is only recovered before the heap grows: hence the look at every growth.
 * 2. Partition. Quota failures in the window with the bytes idle in other quotas: static -> elastic.
 * 3. GC trigger. Under `reclaim gc` with no occupancy trigger, a growable heap grows instead of
 *    collecting: set the trigger to 75%. When a window has 4+ collections that each return under
 *    1/20 of the heap, raise the trigger by 10 points (fewer, more productive cycles), up to 95%.
 * 4. Placement (epoch looks, at most one switch per 4 epochs). A loose fit (first, next, worst) whose
 *    heap grew or failed while the holes held the bytes -> best-fit, the tightest fit, which keeps
 *    large holes for large requests. Buddy whose requests waste more than 1/4 on rounding -> best-fit.
 */
export class RulesTuner implements Tuner {
	readonly mode = 'rules';
	readonly reactive = true;
	private lastCompaction = Number.NEGATIVE_INFINITY;
	private epochsSinceSwitch = Number.POSITIVE_INFINITY;

	look(s: TunerSignals): TunerDecision[] {
		const decisions: TunerDecision[] = [];
		const compaction = this.compaction(s);
		if (compaction) decisions.push(compaction);
		const partition = this.partition(s);
		if (partition) decisions.push(partition);
		if (s.cause !== 'epoch') return decisions;
		this.epochsSinceSwitch++;
		const trigger = this.gcTrigger(s);
		if (trigger) decisions.push(trigger);
		const placement = this.placement(s);
		if (placement) {
			decisions.push(placement);
			this.epochsSinceSwitch = 0;
		}
		return decisions;
	}

	private compaction(s: TunerSignals): TunerDecision | undefined {
		const t = ruleThresholds;
		if (s.event - this.lastCompaction < s.epoch) return undefined;
		if (s.freeBytes < s.heapBytes * t.compactFreeShare || s.externalFragmentation < t.compactFragmentation) return undefined;
		const grewPastHoles = s.cause === 'grew' && s.freeBytes >= s.lastGrowth;
		const failedWithRoom = s.failures > 0 && s.freeBytes >= s.failedBytes;
		if (!grewPastHoles && !failedWithRoom) return undefined;
		this.lastCompaction = s.event;
		const what = grewPastHoles ? `heap grew ${s.lastGrowth} B` : `${s.failures} failed`;
		return {
			key: 'compact',
			reason: `${what} while ${percent(s.freeBytes / s.heapBytes)} of the heap was free in holes (fragmentation ${percent(s.externalFragmentation)})`,
		};
	}

	private partition(s: TunerSignals): TunerDecision | undefined {
		if (s.partition !== 'static' || s.strandedFailures === 0) return undefined;
		return {key: 'partition', value: 'elastic', reason: `${s.strandedFailures} quota failures while other quotas had the bytes idle`};
	}

	private gcTrigger(s: TunerSignals): TunerDecision | undefined {
		const t = ruleThresholds;
		if (s.collector === 'none') return undefined;
		if (s.reclaim === 'gc' && s.gcTrigger === 0 && s.growable && s.grownBytes > 0) {
			return {key: 'gc-trigger', value: String(t.gcTriggerOn), reason: `garbage waits for a collection and the heap grew ${s.grownBytes} B instead`};
		}
		if (s.gcTrigger > 0 && s.gcTrigger < t.gcTriggerMax && s.gcCycles >= t.busyCycles && s.gcReclaimedBytes / s.gcCycles < s.heapBytes * t.poorYield) {
			const value = Math.min(t.gcTriggerMax, s.gcTrigger + t.gcTriggerStep);
			return {key: 'gc-trigger', value: String(value), reason: `${s.gcCycles} collections returned ${Math.round(s.gcReclaimedBytes / s.gcCycles)} B each`};
		}
		return undefined;
	}

	private placement(s: TunerSignals): TunerDecision | undefined {
		const t = ruleThresholds;
		if (this.epochsSinceSwitch < t.switchEvery) return undefined;
		if (looseFits.has(s.strategy)) {
			const wasted = (s.grownBytes > 0 && s.freeBytes >= s.grownBytes) || (s.failures > 0 && s.freeBytes >= s.failedBytes);
			if (wasted) return {key: 'strategy', value: 'best-fit', reason: `${s.strategy} grew or failed with ${s.freeBytes} B free in holes`};
		}
		if (s.strategy === 'buddy' && s.requests > 0) {
			const waste = powerOfTwoWaste(s.sizes);
			if (waste > t.buddyWaste) return {key: 'strategy', value: 'best-fit', reason: `power-of-two rounding wastes ${percent(waste)} of the requested bytes`};
		}
		return undefined;
	}
}
