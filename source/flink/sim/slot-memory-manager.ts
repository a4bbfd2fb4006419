import type {ManagedMemoryUseCase} from '../managed-memory.js';

/** What one consumer of a slot may use: an operator's OPERATOR pages, or a slot-scope use case's pages. */
export interface PageBudget {
	/** `slot0/sort (OPERATOR)`, `slot0 STATE_BACKEND`. */
	readonly label: string;
	readonly useCase: ManagedMemoryUseCase;
	/** Of the slot. */
	readonly fraction: number;
	readonly limit: number;
	used: number;
}

interface Held {
	readonly owner: number;
	readonly budget: PageBudget;
	readonly pages: number;
}

/**
 * One slot's MemoryManager: `perSlotPages` pages, handed out whole (a request is rounded up to pages),
 * accounted per owner so that the task's end can release what it still holds (`releaseAll`). Each
 * request is charged to its consumer's budget: Flink's operators size their requests from their
 * fraction, so a request beyond it is one the slot cannot serve without taking another consumer's pages.
 */
export class SlotMemoryManager {
	used = 0;
	/** Pages released at task ends because the task still held them. */
	releasedAtTaskEnd = 0;
	private readonly held = new Map<number, Held>();
	private readonly byOwner = new Map<number, Set<number>>();

	constructor(
		readonly slot: number,
		readonly totalPages: number,
	) {}

	/** MemoryManager.allocatePages: undefined when granted, else Flink's failure. */
	allocate(id: number, owner: number, budget: PageBudget, pages: number): string | undefined {
		const remaining = Math.min(budget.limit - budget.used, this.totalPages - this.used);
		if (pages > remaining) {
			const scope = budget.useCase === 'OPERATOR' ? 'its operator fraction' : `the slot's ${budget.useCase} fraction`;
			return (
				`Could not allocate ${pages} pages. Only ${Math.max(0, remaining)} pages are remaining ` +
				`(${budget.label}: ${budget.used} of ${budget.limit} pages in use, ${scope} ${budget.fraction} of slot ${this.slot}'s ${this.totalPages} pages)`
			);
		}
		budget.used += pages;
		this.used += pages;
		this.held.set(id, {owner, budget, pages});
		let ids = this.byOwner.get(owner);
		if (!ids) {
			ids = new Set();
			this.byOwner.set(owner, ids);
		}
		ids.add(id);
		return undefined;
	}

	/** MemoryManager.release of one block's pages; false when the id holds none here. */
	release(id: number): boolean {
		const held = this.held.get(id);
		if (!held) return false;
		this.held.delete(id);
		this.byOwner.get(held.owner)?.delete(id);
		held.budget.used -= held.pages;
		this.used -= held.pages;
		return true;
	}

	/** Pages `owner` holds now. */
	pagesOf(owner: number): number {
		let pages = 0;
		for (const id of this.byOwner.get(owner) ?? []) pages += this.held.get(id)!.pages;
		return pages;
	}

	/** MemoryManager.releaseAll(owner), as a task's end does: the ids it still held. */
	releaseAll(owner: number): number[] {
		const ids = [...(this.byOwner.get(owner) ?? [])];
		for (const id of ids) this.releasedAtTaskEnd += this.held.get(id)!.pages;
		for (const id of ids) this.release(id);
		this.byOwner.delete(owner);
		return ids;
	}
}

/** Pages a request of `bytes` takes: whole pages, at least one. */
export function pagesFor(bytes: number, pageSize: number): number {
	return Math.max(1, Math.ceil(bytes / pageSize));
}
