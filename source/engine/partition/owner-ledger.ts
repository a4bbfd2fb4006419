/** One owner's row of the summary's `owners` table. */
export interface OwnerRow {
	readonly owner: string;
	/** Block bytes the owner holds now (what its quota is charged). */
	readonly liveBytes: number;
	readonly peakBytes: number;
	/** Its quota, or null when it has none (shared mode, or an owner no quota names). */
	readonly quotaBytes: number | null;
	/** Requests of this owner that failed: refused by its quota or not placed by the heap. */
	readonly failures: number;
	/** The most free quota space of other owners at one of its failures: space stranded where it could not go. */
	readonly strandedBytes: number;
	/** The most it had borrowed beyond its quota at once (elastic). */
	readonly borrowedBytes: number;
	/** Its blocks evicted to give a lender back its share (elastic). */
	readonly evictions: number;
}

/**
 * Per-owner counters, indexed by the workload's owner index (0, "no owner", is never charged).
 * Plain arrays grown on demand: owner tables are small.
 */
export class OwnerLedger {
	readonly used: number[] = [];
	readonly peak: number[] = [];
	/** Quota per owner; NaN = not decided yet, -1 = none. */
	readonly quota: number[] = [];
	readonly failures: number[] = [];
	readonly stranded: number[] = [];
	readonly borrowed: number[] = [];
	readonly evictions: number[] = [];
	/** Owners in the order they were first seen. */
	readonly order: number[] = [];

	/** Make sure `owner` has a row; returns true when it is new. */
	ensure(owner: number): boolean {
		if (owner < this.used.length && !Number.isNaN(this.quota[owner]!)) return false;
		while (this.used.length <= owner) {
			this.used.push(0);
			this.peak.push(0);
			this.quota.push(Number.NaN);
			this.failures.push(0);
			this.stranded.push(0);
			this.borrowed.push(0);
			this.evictions.push(0);
		}
		return Number.isNaN(this.quota[owner]!);
	}

	hasQuota(owner: number): boolean {
		return this.quota[owner]! >= 0;
	}

	charge(owner: number, bytes: number): void {
		const used = this.used[owner]! + bytes;
		this.used[owner] = used;
		if (used > this.peak[owner]!) this.peak[owner] = used;
		const quota = this.quota[owner]!;
		if (quota >= 0 && used - quota > this.borrowed[owner]!) this.borrowed[owner] = used - quota;
	}

	/** Free quota bytes of every quota-holding owner but `except`. */
	idleExcept(except: number): number {
		let idle = 0;
		for (const owner of this.order) {
			if (owner === except || !this.hasQuota(owner)) continue;
			idle += Math.max(0, this.quota[owner]! - this.used[owner]!);
		}
		return idle;
	}

	/** Sum of quotas, and of what quota-holding owners use. */
	totals(): {quota: number; used: number} {
		let quota = 0;
		let used = 0;
		for (const owner of this.order) {
			if (!this.hasQuota(owner)) continue;
			quota += this.quota[owner]!;
			used += this.used[owner]!;
		}
		return {quota, used};
	}

	failed(owner: number, stranded: number): void {
		this.failures[owner] = this.failures[owner]! + 1;
		if (stranded > this.stranded[owner]!) this.stranded[owner] = stranded;
	}

	rows(name: (owner: number) => string): OwnerRow[] {
		return this.order.map(owner => ({
			owner: name(owner),
			liveBytes: this.used[owner]!,
			peakBytes: this.peak[owner]!,
			quotaBytes: this.hasQuota(owner) ? this.quota[owner]! : null,
			failures: this.failures[owner]!,
			strandedBytes: this.stranded[owner]!,
			borrowedBytes: this.borrowed[owner]!,
			evictions: this.evictions[owner]!,
		}));
	}
}
