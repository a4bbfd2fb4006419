import {BlockState, letGo} from '../graph/object-graph.js';
import {checkDanglingFree} from './dangling.js';
import {GrowthDetector} from './growth.js';
import type {LeakContext} from './leak-context.js';
import {checkOwnerEnd} from './owner-end.js';
import {findStale, reportStale} from './stale.js';
import {findUnreachable, reportUnreachable} from './unreachable.js';

/**
 * When the detectors run. Growth closes a window every `leakCheckEvery` events (cost: one pass over
 * the sites). The reachability checks (unreachable, stale) need a full mark, so they run every
 * `leakCheckEvery` events or, on a big heap, after as many events as the last check visited blocks
 * and edges: on average at most about one block or edge visited per event. Owner-end runs at each
 * `task ... end`, dangling at each program free of a referenced block, and everything once more at
 * the end of the run.
 */
export class LeakWatch {
	nextCheck = Number.POSITIVE_INFINITY;
	nextWindow = Number.POSITIVE_INFINITY;
	private readonly growth = new GrowthDetector();

	constructor(private readonly context: LeakContext) {}

	/** The next event number at which `periodic` has work. */
	get due(): number {
		return Math.min(this.nextCheck, this.nextWindow);
	}

	start(): void {
		const event = this.context.eventNumber();
		const every = this.context.params.leakCheckEvery;
		this.nextCheck = event + every;
		this.nextWindow = event + every;
		this.growth.windowStart = event;
		this.context.ledger.startWindow();
	}

	stop(): void {
		this.nextCheck = Number.POSITIVE_INFINITY;
		this.nextWindow = Number.POSITIVE_INFINITY;
	}

	periodic(): void {
		const event = this.context.eventNumber();
		const every = this.context.params.leakCheckEvery;
		if (event >= this.nextWindow) {
			this.growth.closeWindow(this.context);
			this.nextWindow = event + every;
		}
		if (event >= this.nextCheck) {
			const work = this.checkReachability();
			this.nextCheck = event + Math.max(every, work);
		}
	}

	/** Unreachable and stale blocks now; returns the work done (blocks and edges visited). */
	checkReachability(): number {
		const {graph, marker, params, heap} = this.context;
		const implicit = graph.implicitRoots;
		// In the plain-malloc reading every held block is a root: nothing to mark, nothing unreachable.
		if (!implicit) marker.markAll();
		if (this.context.touchesSeen()) {
			reportStale(this.context, findStale(this.context, implicit ? () => true : h => marker.isMarked(h)));
		}
		if (!implicit && params.reclaim !== 'gc') reportUnreachable(this.context, findUnreachable(this.context));
		return (implicit ? 0 : marker.count + marker.tracedEdges) + heap.blocks.handleLimit;
	}

	taskEnded(owner: number): void {
		checkOwnerEnd(this.context, owner);
	}

	/** The program frees h (explicit or lazy mode), before its edges go. */
	programFree(h: number): void {
		if (this.context.graph.inDegree[h]! > 0) checkDanglingFree(this.context, h);
	}

	finish(): void {
		this.checkReachability();
	}

	/**
	 * The user's repair: free what every current alert points at. Unreachable and owner-end blocks
	 * are freed as `auto` would; stale blocks (still reachable) and a growing site's blocks that have
	 * lived through a whole window are freed only here, because the program might still use them.
	 */
	repairNow(): void {
		const context = this.context;
		const {graph, heap, marker, repairs, params} = context;
		const implicit = graph.implicitRoots;
		if (!implicit) marker.markAll();
		const stale = context.touchesSeen() ? findStale(context, implicit ? () => true : h => marker.isMarked(h)) : [];
		const lost = !implicit && params.reclaim !== 'gc' ? findUnreachable(context) : [];
		repairs.repair(context, 'unreachable', lost, 'repair-now');
		repairs.repair(context, 'stale', stale.filter(h => graph.isProgramBlock(h)), 'repair-now');
		const b = heap.blocks;
		const ended: number[] = [];
		const growing = new Set(this.growth.growingSites(params.growthWindows));
		const grown: number[] = [];
		for (let h = 0; h < b.handleLimit; h++) {
			if (!graph.isProgramBlock(h) || (graph.state[h]! & letGo) !== 0) continue;
			if ((graph.state[h]! & BlockState.ownerEnd) !== 0) ended.push(h);
			else if (growing.has(b.site[h]!) && b.born[h]! < this.growth.windowStart) grown.push(h);
		}
		repairs.repair(context, 'owner-end', ended, 'repair-now');
		repairs.repair(context, 'growth', grown, 'repair-now');
	}
}
