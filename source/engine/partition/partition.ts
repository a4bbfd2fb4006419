import type {Admission, AdmissionVerdict} from '../admission.js';
import type {IdTable} from '../id-table.js';
import {OwnerLedger, type OwnerRow} from './owner-ledger.js';
import {type PartitionMode, type QuotaPlan, quotaFor} from './quotas.js';

/** What the partition needs of the simulation: block sizes, the id table, and ways to get memory back. */
export interface PartitionHost {
	readonly heap: {blockSizeFor(request: number): number};
	readonly ids: IdTable;
	readonly reclamation: {
		/** Free block h as a collector would: the program's later free of its id is quiet. */
		release(h: number): void;
	};
	/** A full collection now, holding the block placed just before as a root; false when no collector runs. */
	collectForAdmission(): boolean;
	readonly source: {readonly owners: {name(index: number): string}};
	readonly events: {on(type: 'gc' | 'repair', listener: () => void): unknown};
}

/**
 * Static and dynamic allocation across owners, as an admission check before the heap.
 *
 * - `shared`: every owner allocates from the one heap; the ledger only counts.
 * - `static`: each owner with a quota may hold at most its quota (in block bytes); beyond it the
 *   request fails even when other quotas have room, and the failure records how much was idle there.
 * - `elastic`: a quota is a guarantee. An owner may borrow idle quota of others while the quotas
 *   together are not exceeded; when a lender asks for space within its own quota that borrowers
 *   hold, it gets it back: first a collection (when a collector runs), then eviction of the
 *   borrowers' newest blocks, both counted.
 *
 * Owner 0 (no owner) and owners no quota names are outside the cut: counted, never limited.
 * Accounting is by id, as Flink's MemoryManager accounts segments: charged at admission, credited at
 * the program's free (or when a collector, a repair or an eviction took the block).
 */
export class Partition implements Admission {
	readonly ledger = new OwnerLedger();
	mode: PartitionMode;
	quotaFailures = 0;
	/** Failures while other quotas held at least the requested bytes free. */
	strandedFailures = 0;
	collections = 0;
	evictions = 0;
	private readonly bytes = new Map<number, number>();
	private readonly owner = new Map<number, number>();
	/** Quota space no owner has claimed yet (named owners not seen, `--owners` slots not taken). */
	private unclaimed = 0;
	/** Sum of quotas, and what quota-holding owners use. */
	private quotaTotal = 0;
	private quotaUsed = 0;

	constructor(
		private readonly host: PartitionHost,
		private readonly plan: QuotaPlan,
	) {
		this.mode = plan.mode;
		const named = Object.values(plan.quotas);
		if (named.length > 0) this.unclaimed = named.reduce((sum, bytes) => sum + bytes, 0);
		else if (plan.owners > 0 && plan.capacity !== 'grow') this.unclaimed = Math.floor(plan.capacity / plan.owners) * plan.owners;
		this.quotaTotal = this.unclaimed;
		// Collections and repairs free blocks the program still held: credit their owners at once.
		host.events.on('gc', () => this.reconcile());
		host.events.on('repair', () => this.reconcile());
	}

	/** Quotas were given (`--quota` or `--owners`): static and elastic have something to enforce. */
	get hasQuotas(): boolean {
		return this.quotaTotal > 0;
	}

	/** Switch between the modes mid-run (a key, `--change partition=elastic`, the tuner); quotas stay. */
	setMode(mode: PartitionMode): void {
		this.mode = mode;
	}

	admit(id: number, request: number, _site: number, owner: number): AdmissionVerdict {
		if (owner === 0) return 'heap';
		this.see(owner);
		const bytes = this.host.heap.blockSizeFor(request);
		const refusal = this.check(owner, bytes);
		if (refusal !== undefined) return {refuse: refusal};
		this.bytes.set(id, bytes);
		this.owner.set(id, owner);
		this.charge(owner, bytes);
		return 'heap';
	}

	/** Some id is charged to an owner: its free or realloc must come through here. */
	get charging(): boolean {
		return this.bytes.size > 0;
	}

	release(id: number): void {
		// Most runs charge nobody (owner 0 is outside every quota): skip the lookup on every free.
		if (this.bytes.size === 0) return;
		const bytes = this.bytes.get(id);
		if (bytes === undefined) return;
		this.charge(this.owner.get(id)!, -bytes);
		this.bytes.delete(id);
		this.owner.delete(id);
	}

	/** A realloc of `id` to `request` bytes: undefined when allowed (and charged), else the refusal. */
	resize(id: number, request: number): string | undefined {
		if (this.bytes.size === 0) return undefined;
		const before = this.bytes.get(id);
		if (before === undefined) return undefined;
		const owner = this.owner.get(id)!;
		const bytes = this.host.heap.blockSizeFor(request);
		if (bytes > before) {
			const refusal = this.check(owner, bytes - before);
			if (refusal !== undefined) return refusal;
		}
		this.bytes.set(id, bytes);
		this.charge(owner, bytes - before);
		return undefined;
	}

	/** The heap could not place a request of `owner` (after admission): count it against the owner. */
	heapFailed(owner: number): void {
		if (owner === 0) return;
		this.see(owner);
		this.ledger.failed(owner, this.mode === 'shared' ? 0 : this.idleExcept(owner));
	}

	/** Credit blocks that died without the program's free (a collection, a repair). */
	reconcile(): void {
		if (this.bytes.size === 0) return;
		for (const id of [...this.bytes.keys()]) if (this.host.ids.get(id) < 0) this.release(id);
	}

	rows(): OwnerRow[] {
		return this.ledger.rows(owner => this.host.source.owners.name(owner));
	}

	summary() {
		return {
			mode: this.mode,
			quotaFailures: this.quotaFailures,
			strandedFailures: this.strandedFailures,
			collections: this.collections,
			evictions: this.evictions,
		};
	}

	/** Free quota bytes outside `owner`'s own quota (including quotas nobody has claimed yet). */
	idleExcept(owner: number): number {
		return this.ledger.idleExcept(owner) + this.unclaimed;
	}

	private see(owner: number): void {
		const ledger = this.ledger;
		if (!ledger.ensure(owner)) return;
		const quota = quotaFor(this.plan, this.host.source.owners.name(owner), ledger.order.length);
		ledger.order.push(owner);
		ledger.quota[owner] = quota ?? -1;
		if (quota !== undefined) this.unclaimed -= quota;
	}

	private charge(owner: number, bytes: number): void {
		this.ledger.charge(owner, bytes);
		if (this.ledger.hasQuota(owner)) this.quotaUsed += bytes;
	}

	/** Undefined when `owner` may take `bytes` more, else the reason it may not. */
	private check(owner: number, bytes: number): string | undefined {
		const ledger = this.ledger;
		if (this.mode === 'shared' || !ledger.hasQuota(owner)) return undefined;
		const used = ledger.used[owner]!;
		const quota = ledger.quota[owner]!;
		const within = used + bytes <= quota;
		if (this.mode === 'static' && within) return undefined;
		if (this.mode === 'elastic') {
			if (this.quotaUsed + bytes <= this.quotaTotal) return undefined;
			if (within && this.reclaim(owner, bytes)) return undefined;
		}
		const idle = this.idleExcept(owner);
		this.quotaFailures++;
		if (idle >= bytes) this.strandedFailures++;
		ledger.failed(owner, idle);
		const name = this.host.source.owners.name(owner);
		const borrow = this.mode === 'elastic' ? ', too few to borrow' : '';
		return `owner ${name}: quota of ${quota} bytes exhausted (${used} held, ${bytes} asked); ${idle} bytes idle in other quotas${borrow}`;
	}

	/** Make room for `lender` to take `bytes` within its quota: a collection first, then evictions of borrowers' newest blocks. */
	private reclaim(lender: number, bytes: number): boolean {
		const short = (): number => this.quotaUsed + bytes - this.quotaTotal;
		if (this.host.collectForAdmission()) {
			this.collections++;
			this.reconcile();
			if (short() <= 0) return true;
		}
		const ledger = this.ledger;
		const ids = [...this.owner.keys()];
		for (let i = ids.length - 1; i >= 0 && short() > 0; i--) {
			const id = ids[i]!;
			const borrower = this.owner.get(id);
			if (borrower === undefined || borrower === lender || !ledger.hasQuota(borrower)) continue;
			if (ledger.used[borrower]! <= ledger.quota[borrower]!) continue;
			const h = this.host.ids.get(id);
			if (h >= 0) this.host.reclamation.release(h);
			this.release(id);
			ledger.evictions[borrower] = ledger.evictions[borrower]! + 1;
			this.evictions++;
		}
		return short() <= 0;
	}
}
