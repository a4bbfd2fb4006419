import {type BlockTable, none} from '../blocks.js';
import type {CollectorContext} from '../collectors/collector.js';
import {Marker} from '../graph/marker.js';
import {BlockState, ObjectGraph} from '../graph/object-graph.js';
import {ReferrerSearch} from '../graph/referrers.js';
import type {Heap} from '../heap.js';
import type {IdTable} from '../id-table.js';
import {AlertBook, type LeakAlert} from '../leaks/alerts.js';
import type {LeakContext} from '../leaks/leak-context.js';
import {LeakWatch} from '../leaks/leak-watch.js';
import {RepairLog} from '../leaks/repair-log.js';
import {SiteLedger} from '../leaks/site-ledger.js';
import type {Metrics} from '../metrics.js';
import type {SimulationParams} from '../params.js';
import type {Emitter, SimulationEventMap} from '../simulation-events.js';
import type {WorkloadSource} from '../workload-source.js';
import {CollectionDriver} from './collection-driver.js';
import {LazyQueue} from './lazy-queue.js';
import type {ReclaimMode} from './options.js';

/** What reclamation needs of the simulation that owns it. */
export interface ReclaimHost {
	readonly heap: Heap;
	readonly blocks: BlockTable;
	readonly ids: IdTable;
	readonly metrics: Metrics;
	readonly events: Emitter<SimulationEventMap>;
	readonly params: SimulationParams;
	readonly source: WorkloadSource;
	readonly eventNumber: number;
	readonly time: number;
	readonly currentLine: number;
}

/**
 * Everything about how memory comes back, behind the simulation's hot path: the object graph, the
 * reclamation mode (explicit, lazy, gc), the collector, and the leak detectors with their repairs.
 * The simulation calls in only where something can happen: `programFree` when `slowFree` or the graph
 * is in use, `occupancyReached` past `triggerBytes`, `periodic` at `nextCheck`, the failure paths,
 * and the graph events. A malloc-lab trace under the defaults costs a ledger add and a few compares.
 */
export class Reclamation implements LeakContext {
	readonly graph: ObjectGraph;
	readonly marker: Marker;
	readonly referrers: ReferrerSearch;
	readonly alerts: AlertBook;
	readonly repairs: RepairLog;
	readonly ledger = new SiteLedger();
	readonly lazy = new LazyQueue();
	readonly driver: CollectionDriver;
	readonly watch: LeakWatch;
	/** Ids of blocks a collector or a repair freed while the program still held them (their later `f` is quiet). */
	readonly reclaimedIds = new Set<number>();
	/** Leak detectors on: the site ledger is kept up to date. */
	tracking: boolean;
	/** Frees must go through `programFree` (lazy or gc mode, or a collector that tracks releases). */
	slowFree = false;
	/** Event number at which `periodic` has work (Infinity: none). */
	nextCheck = Number.POSITIVE_INFINITY;

	/**
	 * A program free is a plain heap free and a placement needs only the ledger: explicit frees, no
	 * collector, no object graph. The simulation's lean replay loop runs only while this holds.
	 */
	get quiet(): boolean {
		return !this.slowFree && !this.driver.active && !this.graph.active;
	}
	/** Live tasks per owner (`task X start` minus `task X end`). */
	readonly runningTasks = new Map<number, number>();
	touches = 0;

	constructor(
		readonly host: ReclaimHost,
		now: () => number,
	) {
		this.graph = new ObjectGraph(host.blocks);
		this.graph.implicitRoots = !host.source.hasGraph;
		this.marker = new Marker(this.graph);
		this.referrers = new ReferrerSearch(this.graph, this.marker);
		this.alerts = new AlertBook(alert => host.events.emit('alert', alert));
		this.repairs = new RepairLog(record => host.events.emit('repair', record));
		const context: CollectorContext = {
			heap: host.heap,
			graph: this.graph,
			marker: this.marker,
			reclaim: h => this.release(h),
			nurseryBytes: () => host.params.nurseryBytes,
			promoteAfter: () => host.params.promoteAfter,
		};
		this.driver = new CollectionDriver(host, context, now, () => this.drainLazy());
		this.watch = new LeakWatch(this);
		this.tracking = host.params.leaks;
		if (this.tracking) this.watch.start();
		this.refresh();
	}

	// --- LeakContext ------------------------------------------------------------------------------

	get heap(): Heap {
		return this.host.heap;
	}

	get params(): SimulationParams {
		return this.host.params;
	}

	eventNumber(): number {
		return this.host.eventNumber;
	}

	time(): number {
		return this.host.time;
	}

	touchesSeen(): boolean {
		return this.touches > 0;
	}

	siteName(site: number): string {
		return this.host.source.sites.name(site);
	}

	ownerName(owner: number): string {
		return this.host.source.owners.name(owner);
	}

	repairBlock(h: number): void {
		this.release(h);
	}

	// --- the simulation's calls ---------------------------------------------------------------------

	/** Current alerts, grouped by kind and site. */
	alertList(): readonly LeakAlert[] {
		return this.alerts.all();
	}

	/**
	 * The one way a block dies outside the program's explicit frees: a collector's sweep, a repair,
	 * a lazy batch. Every side table hears of it; if the program still held the id, its later `f` is
	 * accepted quietly.
	 */
	release(h: number): void {
		const {blocks, ids} = this.host;
		const id = blocks.extId[h]!;
		if (ids.get(id) === h) {
			ids.delete(id);
			this.reclaimedIds.add(id);
		}
		if (this.tracking) this.ledger.remove(blocks.site[h]!, blocks.owner[h]!, blocks.request[h]!);
		this.driver.collector.onRelease?.(h);
		this.graph.forget(h, this.host.eventNumber);
		this.host.heap.free(h);
	}

	/** The program frees block h (id `id`), as the reclamation mode says. */
	programFree(h: number, id: number): void {
		const {ids, params, blocks, eventNumber} = this.host;
		ids.delete(id);
		const graph = this.graph;
		if (params.reclaim === 'gc') {
			// Under gc, `f` is only the program letting go: the block's root goes, its edges stay.
			graph.removeRoot(h);
			graph.setState(h, BlockState.dropped);
			graph.lastDetach[h] = eventNumber;
			return;
		}
		if (this.tracking && graph.active) this.watch.programFree(h);
		if (params.reclaim === 'lazy') {
			graph.forget(h, eventNumber);
			graph.setState(h, BlockState.pending);
			this.lazy.push(h, blocks.size[h]!);
			if (this.lazy.bytes >= params.lazyBytes) this.drainLazy();
			return;
		}
		if (this.tracking) this.ledger.remove(blocks.site[h]!, blocks.owner[h]!, blocks.request[h]!);
		this.driver.collector.onRelease?.(h);
		graph.forget(h, eventNumber);
		this.host.heap.free(h);
	}

	/** A realloc changed h's payload (it may also have moved). */
	reallocated(h: number, previousRequest: number): void {
		const blocks = this.host.blocks;
		if (this.tracking) this.ledger.resize(blocks.site[h]!, blocks.request[h]! - previousRequest);
		this.driver.collector.onRealloc?.(h);
	}

	/** No free block fits: empty the lazy queue, then collect, retrying once after each; none when nothing helps. */
	allocateAfterFailure(request: number, site: number, owner: number, lastPlaced: number): number {
		const heap = this.host.heap;
		if (this.lazy.length > 0) {
			this.drainLazy();
			const h = heap.allocate(request, site, owner);
			if (h !== none) return h;
		}
		if (this.driver.active) {
			this.driver.collect(false, lastPlaced);
			const h = heap.allocate(request, site, owner);
			if (h !== none) return h;
		}
		return this.driver.collector.allocateElsewhere?.(request, site, owner) ?? none;
	}

	/** A realloc found no room: the same recovery as an allocation, with h itself held as a root. */
	reallocAfterFailure(h: number, request: number): number {
		const heap = this.host.heap;
		if (this.lazy.length === 0 && !this.driver.active) return none;
		this.drainLazy();
		const again = heap.realloc(h, request);
		if (again !== none || !this.driver.active) return again;
		this.driver.collect(false, h);
		return heap.realloc(h, request);
	}

	/** Used bytes passed the occupancy trigger; `placed` is the block just allocated (held as a root). */
	occupancyReached(placed: number): void {
		this.driver.collect(false, placed);
	}

	periodic(): void {
		this.watch.periodic();
		this.nextCheck = this.watch.due;
	}

	/** The end of the run: one last leak check, as valgrind's at exit. */
	finish(): void {
		if (this.tracking) this.watch.finish();
	}

	drainLazy(): void {
		if (this.lazy.length > 0) this.lazy.drain(h => this.release(h));
	}

	/** Switch the reclamation mode; returns a note when the switch had to change something else. */
	setReclaim(mode: ReclaimMode): string | undefined {
		const params = this.host.params;
		const previous = params.reclaim;
		if (mode === previous) return undefined;
		if (previous === 'lazy') this.drainLazy();
		// What the program freed under gc takes effect now that frees are frees again.
		if (previous === 'gc') this.releaseAll(BlockState.dropped);
		params.reclaim = mode;
		let note: string | undefined;
		if (mode === 'gc' && !this.driver.active) {
			this.driver.switchTo('mark-sweep');
			note = 'collector none -> mark-sweep (gc needs a collector)';
		}
		this.refresh();
		return note;
	}

	setCollector(name: string): void {
		this.driver.switchTo(name);
		this.refresh();
	}

	/** Recompute the flags the hot path reads. */
	refresh(): void {
		this.slowFree = this.host.params.reclaim !== 'explicit' || this.driver.collector.onRelease !== undefined;
		this.nextCheck = this.tracking ? this.watch.due : Number.POSITIVE_INFINITY;
	}

	/** The `--json` figures of reclamation. */
	summary() {
		return {
			collector: this.driver.collector.name,
			reclaim: this.host.params.reclaim,
			gc: this.driver.stats.summary(),
			leaks: this.alerts.summary(),
			repairs: this.repairs.summary(),
			lazyQueueBytes: this.lazy.bytes,
			lazyQueueBlocks: this.lazy.length,
		};
	}

	private releaseAll(bits: number): void {
		const {blocks} = this.host;
		for (let h = 0; h < blocks.handleLimit; h++) {
			if (this.graph.isProgramBlock(h) && (this.graph.state[h]! & bits) !== 0) this.release(h);
		}
	}
}
