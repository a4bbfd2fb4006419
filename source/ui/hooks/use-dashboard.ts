import {useSyncExternalStore} from 'react';
import type {DashboardStore} from '../store/dashboard-store.js';
import type {DashboardSnapshot} from '../store/snapshot.js';

/** The store's snapshot: one batched read per frame, never a re-render per engine event. */
export function useDashboard(store: DashboardStore): DashboardSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** One slice: re-renders only when that slice is a new object (slices keep their identity when unchanged). */
export function useDashboardSlice<T>(store: DashboardStore, select: (snapshot: DashboardSnapshot) => T): T {
	return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
