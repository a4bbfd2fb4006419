import {none} from '../blocks.js';
import {Op} from '../events.js';
import {failedId} from '../id-table.js';
import {BlockState} from '../graph/object-graph.js';
import {touched} from '../leaks/stale.js';
import type {Reclamation} from './reclamation.js';

/**
 * The meaning of the object-graph events. Bad input never throws: an id that names no live block,
 * an `unref` of a missing edge, an `unroot` of a non-root, a `task X end` without a start are counted
 * as anomalies (with the first line number) and skipped. A failed allocation's id is skipped
 * quietly: the program's malloc returned NULL, and what it does next is the program's business.
 */
export function applyGraphEvent(r: Reclamation, op: number, id: number, arg: number, owner: number): void {
	const {graph, host} = r;
	switch (op) {
		case Op.ref: {
			// One anomaly per event, however many of its ids are bad.
			const from = lookup(r, id, 'ref');
			if (from === none) return;
			const to = lookup(r, arg, 'ref');
			if (to === none) return;
			graph.addEdge(from, to);
			// Storing a reference writes a field of the source: that is a use of it.
			host.blocks.lastTouch[from] = host.time;
			r.driver.collector.onRef?.(from, to);
			return;
		}
		case Op.unref: {
			// One anomaly per event, however many of its ids are bad.
			const from = lookup(r, id, 'unref');
			if (from === none) return;
			const to = lookup(r, arg, 'unref');
			if (to === none) return;
			if (!graph.removeEdge(from, to)) return anomaly(r, 'unref-missing-edge');
			graph.lastDetach[to] = host.eventNumber;
			host.blocks.lastTouch[from] = host.time;
			return;
		}
		case Op.root: {
			const h = lookup(r, id, 'root');
			if (h !== none) graph.addRoot(h);
			return;
		}
		case Op.unroot: {
			const h = lookup(r, id, 'unroot');
			if (h === none) return;
			if (!graph.removeRoot(h)) return anomaly(r, 'unroot-non-root');
			graph.lastDetach[h] = host.eventNumber;
			return;
		}
		case Op.touch: {
			const h = lookup(r, id, 'touch');
			if (h === none) return;
			r.touches++;
			host.blocks.lastTouch[h] = host.time;
			if ((graph.state[h]! & BlockState.stale) !== 0) touched(r, h);
			return;
		}
		case Op.taskStart:
			r.runningTasks.set(owner, (r.runningTasks.get(owner) ?? 0) + 1);
			return;
		case Op.taskEnd: {
			const running = r.runningTasks.get(owner) ?? 0;
			if (running === 0) return anomaly(r, 'task-end-without-start');
			r.runningTasks.set(owner, running - 1);
			r.drainLazy();
			if (r.tracking) r.watch.taskEnded(owner);
			return;
		}
	}
}

function lookup(r: Reclamation, id: number, op: string): number {
	const h = r.host.ids.get(id);
	if (h >= 0) return h;
	if (h !== failedId) anomaly(r, r.reclaimedIds.has(id) ? `${op}-reclaimed-id` : `${op}-unknown-id`);
	return none;
}

function anomaly(r: Reclamation, kind: string): void {
	r.host.metrics.anomaly(kind, r.host.currentLine, r.host.eventNumber);
}
