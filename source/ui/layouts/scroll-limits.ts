import {heapSpan} from '../components/heap-grid.js';
import {heapGrid} from '../panes/heap-map.js';
import type {DashboardSnapshot, PaneId} from '../store/snapshot.js';
import type {Rect} from './geometry.js';

/** How far a pane of this size can scroll its content (0: it all fits). */
export function scrollLimit(pane: PaneId, rect: Rect | undefined, snapshot: DashboardSnapshot): number {
	if (!rect) return 0;
	const lines = rect.height - 2;
	switch (pane) {
		case 'heap': {
			const grid = heapGrid(rect.width, rect.height);
			return heapSpan(snapshot.heap, grid.columns * grid.rows).pages - 1;
		}
		case 'leaks':
			return Math.max(0, snapshot.leaks.rows.length - (lines - 2));
		case 'sites':
			return Math.max(0, snapshot.sites.rows.length - (lines - 1));
		case 'gc':
			return Math.max(0, snapshot.gc.recent.length - (lines - 3));
		case 'events':
			return Math.max(0, snapshot.events.entries.length - lines);
		default:
			return 0;
	}
}
