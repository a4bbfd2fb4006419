import type {Admission, AdmissionVerdict} from '../../engine/admission.js';
import type {Interner} from '../../engine/interner.js';
import type {Finding, LeakAlert} from '../../engine/leaks/alerts.js';
import type {ManagedMemoryUseCase} from '../managed-memory.js';
import {networkSites, parseOwner, type FlinkJobShape} from './job-shape.js';
import {slotShares, type SlotShares, type TaskManagerModel} from './managed-memory-model.js';
import {NetworkBufferPool, type NetworkRequestKind} from './network-buffer-pool.js';
import {pagesFor, SlotMemoryManager, type PageBudget} from './slot-memory-manager.js';

/** What the Flink memory needs of the simulation at a task's end (the Simulation has all of it). */
export interface FlinkHost {
	readonly ids: {get(id: number): number};
	readonly eventNumber: number;
	readonly reclamation: {
		/** Free a block the program still holds, with all its bookkeeping. */
		release(h: number): void;
		readonly alerts: {all(): readonly LeakAlert[]; restate(finding: Finding): void};
	};
}

type Route =
	| {readonly kind: 'managed'; readonly manager: SlotMemoryManager; readonly budget: PageBudget}
	| {readonly kind: 'network'; readonly request: NetworkRequestKind}
	| {readonly kind: 'no-slot'; readonly slot: number};

export interface FlinkFailure {
	readonly event: number;
	readonly owner: string;
	readonly reason: string;
}

const failureListLimit = 20;

/**
 * The TaskManager's memory beside the simulated heap, as the simulation's admission: one
 * MemoryManager per slot (page budgets per consumer) for managed memory, which then takes its pages
 * from the heap, and the NetworkBufferPool for `network.*` requests, which take no heap at all.
 * At a task's end it releases what the task still holds, as Flink's Task does, and words the
 * owner-end alert as Flink's TaskSlot logs it.
 */
export class FlinkMemory implements Admission {
	readonly managers: SlotMemoryManager[];
	readonly pool: NetworkBufferPool;
	readonly shares: SlotShares;
	readonly failures: FlinkFailure[] = [];
	failureCount = 0;
	lastFailure?: FlinkFailure;
	peakPagesInUse = 0;
	/** Tasks that ended still holding pages, and how many (the first 20; `taskEndReleaseCount` counts all). */
	readonly taskEndReleases: Array<{readonly owner: string; readonly pages: number}> = [];
	taskEndReleaseCount = 0;
	private host?: FlinkHost;
	private readonly budgets = new Map<string, PageBudget>();
	private readonly routes = new Map<number, Map<number, Route>>();
	private readonly home = new Map<number, {readonly pool: SlotMemoryManager | NetworkBufferPool; readonly site: number}>();

	constructor(
		readonly model: TaskManagerModel,
		readonly job: FlinkJobShape,
		private readonly names: {readonly sites: Interner; readonly owners: Interner},
	) {
		this.shares = slotShares(model, job);
		this.managers = Array.from({length: model.slots}, (_, slot) => new SlotMemoryManager(slot, model.perSlotPages));
		this.pool = new NetworkBufferPool(model.network, model.segmentSize);
	}

	/** The simulation to release blocks in at task ends (set once it exists). */
	attach(host: FlinkHost): void {
		this.host = host;
	}

	get pagesInUse(): number {
		return this.managers.reduce((sum, manager) => sum + manager.used, 0);
	}

	admit(id: number, bytes: number, site: number, owner: number): AdmissionVerdict {
		const route = this.route(site, owner);
		let reason: string | undefined;
		if (route.kind === 'network') {
			reason = this.pool.request(id, owner, this.names.owners.name(owner), route.request, bytes);
			if (reason === undefined) this.home.set(id, {pool: this.pool, site});
		} else if (route.kind === 'no-slot') {
			reason = `Could not allocate ${pagesFor(bytes, this.model.segmentSize)} pages: the TaskManager has no slot ${route.slot} (it has ${this.model.slots}; --slots)`;
		} else {
			reason = route.manager.allocate(id, owner, route.budget, pagesFor(bytes, this.model.segmentSize));
			if (reason === undefined) {
				this.home.set(id, {pool: route.manager, site});
				this.peakPagesInUse = Math.max(this.peakPagesInUse, this.pagesInUse);
			}
		}
		if (reason !== undefined) return this.refuse(owner, reason);
		return route.kind === 'network' ? 'outside' : 'heap';
	}

	release(id: number): void {
		const home = this.home.get(id);
		if (!home) return;
		this.home.delete(id);
		home.pool.release(id);
	}

	/** Task.run's finally: memoryManager.releaseAll(invokable), and the gates and partitions torn down. */
	taskEnded(owner: number): void {
		for (const id of this.pool.releaseOwner(owner)) this.home.delete(id);
		const {slot} = parseOwner(this.names.owners.name(owner));
		const manager = this.managers[slot];
		if (!manager) return;
		const pages = manager.pagesOf(owner);
		const ids = manager.releaseAll(owner);
		if (ids.length === 0) return;
		const ownerName = this.names.owners.name(owner);
		const sites = new Set<string>();
		for (const id of ids) {
			const home = this.home.get(id);
			this.home.delete(id);
			if (home) sites.add(this.names.sites.name(home.site));
			const h = this.host?.ids.get(id) ?? -1;
			if (h >= 0) this.host!.reclamation.release(h);
		}
		this.taskEndReleaseCount++;
		if (this.taskEndReleases.length < failureListLimit) this.taskEndReleases.push({owner: ownerName, pages});
		this.reword(sites, notAllFreed(slot, ownerName, pages, pages * this.model.segmentSize));
	}

	/** The `flink` object of `--json`. */
	summary() {
		const share = (s: {weight: number; fraction: number; pages: number}) => ({weight: s.weight, fraction: s.fraction, pagesPerSlot: s.pages});
		return {
			segmentSize: this.model.segmentSize,
			managedBytes: this.model.managedBytes,
			pages: this.model.pages,
			slots: this.model.slots,
			perSlotPages: this.model.perSlotPages,
			consumers: Object.fromEntries([...this.shares.useCases].map(([useCase, s]) => [useCase, share(s)])),
			operators: Object.fromEntries([...this.shares.operators].map(([task, s]) => [task, share(s)])),
			network: {
				buffers: this.pool.total,
				/** The most buffers the job required at once (a refused request's demand included). */
				required: this.pool.peakDemand,
				/** Buffers not required by any gate or partition now. */
				available: this.pool.total - this.pool.required,
				inUse: this.pool.required,
				ok: this.pool.failures === 0,
			},
			pagesInUse: this.pagesInUse,
			peakPagesInUse: this.peakPagesInUse,
			releasedAtTaskEnd: this.taskEndReleases,
			failureCount: this.failureCount,
			failures: this.failures.map(({owner, reason}) => ({owner, reason})),
		};
	}

	/** Pages used and allowed per use case, over all slots (for the Flink pane). */
	useCaseUsage(): Array<{readonly useCase: ManagedMemoryUseCase; readonly used: number; readonly limit: number}> {
		const rows = new Map<ManagedMemoryUseCase, {used: number; limit: number}>();
		for (const [useCase, s] of this.shares.useCases) {
			const limit = useCase === 'OPERATOR' ? 0 : s.pages * this.model.slots;
			rows.set(useCase, {used: 0, limit});
		}
		const operator = rows.get('OPERATOR');
		if (operator) for (const s of this.shares.operators.values()) operator.limit += s.pages * this.model.slots;
		for (const budget of this.budgets.values()) {
			const row = rows.get(budget.useCase);
			if (row) row.used += budget.used;
		}
		return [...rows].map(([useCase, row]) => ({useCase, ...row}));
	}

	private refuse(owner: number, reason: string): AdmissionVerdict {
		this.failureCount++;
		this.lastFailure = {event: this.host?.eventNumber ?? 0, owner: this.names.owners.name(owner), reason};
		if (this.failures.length < failureListLimit) this.failures.push(this.lastFailure);
		return {refuse: reason};
	}

	private route(site: number, owner: number): Route {
		let bySite = this.routes.get(owner);
		if (!bySite) {
			bySite = new Map();
			this.routes.set(owner, bySite);
		}
		let route = bySite.get(site);
		if (!route) {
			route = this.resolve(this.names.sites.name(site), this.names.owners.name(owner));
			bySite.set(site, route);
		}
		return route;
	}

	private resolve(site: string, owner: string): Route {
		if (site === networkSites.gate) return {kind: 'network', request: 'gate'};
		if (site === networkSites.partition) return {kind: 'network', request: 'partition'};
		const {slot, task} = parseOwner(owner);
		const manager = this.managers[slot];
		if (!manager) return {kind: 'no-slot', slot};
		const useCase = this.job.sites[site] ?? 'OPERATOR';
		if (useCase === 'OPERATOR') {
			const name = this.shares.operators.has(task) ? task : '*';
			const share = this.shares.operators.get(name);
			const label = name === '*' ? `slot${slot} (OPERATOR)` : `slot${slot}/${task} (OPERATOR)`;
			return {kind: 'managed', manager, budget: this.budget(`${slot}/${name}`, label, useCase, share)};
		}
		const share = this.shares.useCases.get(useCase);
		return {kind: 'managed', manager, budget: this.budget(`${slot} ${useCase}`, `slot${slot} ${useCase}`, useCase, share)};
	}

	private budget(key: string, label: string, useCase: ManagedMemoryUseCase, share?: {fraction: number; pages: number}): PageBudget {
		let budget = this.budgets.get(key);
		if (!budget) {
			budget = {label, useCase, fraction: share?.fraction ?? 0, limit: share?.pages ?? 0, used: 0};
			this.budgets.set(key, budget);
		}
		return budget;
	}

	/** The owner-end alerts of these sites say what Flink says. */
	private reword(sites: ReadonlySet<string>, reason: string): void {
		const alerts = this.host?.reclamation.alerts;
		if (!alerts) return;
		for (const alert of alerts.all()) {
			if (alert.kind !== 'owner-end' || !sites.has(alert.site)) continue;
			const {kind, site, owner, bytes, blocks} = alert;
			alerts.restate({kind, site, owner, bytes, blocks, event: this.host!.eventNumber, reason});
		}
	}
}

/** TaskSlot's warning when a slot's MemoryManager is not empty, with the task and the pages. */
export function notAllFreed(slot: number, owner: string, pages: number, bytes: number): string {
	return `Not all slot managed memory is freed at slot ${slot}: task ${owner} ended still holding ${pages} pages (${bytes} bytes), which its MemoryManager released`;
}
