import {type Key, useFocusManager, useInput} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {dispatch} from '../keymap/dispatch.js';
import {matchCommand} from '../keymap/match.js';
import type {Layout} from '../layouts/geometry.js';
import {scrollLimit} from '../layouts/scroll-limits.js';
import type {DashboardStore} from '../store/dashboard-store.js';
import type {DashboardSnapshot, PaneId} from '../store/snapshot.js';
import {focusOrder} from '../store/view-state.js';

/** Keys a mode on top of the dashboard takes first (the recording's R, review mode's seeking); true: handled. */
export type KeyIntercept = (input: string, key: Key) => boolean;

/**
 * All keys of the dashboard, in one place: a key becomes a command (the keymap) and a command becomes
 * a store call (the dispatcher). Ink's own focus manager is turned off, so Tab is handled once, here.
 */
export function useDashboardKeys(store: DashboardStore, layout: Layout, snapshot: DashboardSnapshot, quit: () => void, intercept?: KeyIntercept): void {
	const {disableFocus} = useFocusManager();
	useEffect(() => disableFocus(), [disableFocus]);
	// The handler reads the latest layout and snapshot through a ref, so it is subscribed once.
	const latest = useRef({layout, snapshot, quit, intercept});
	latest.current = {layout, snapshot, quit, intercept};
	const handler = useCallback(
		(input: string, key: Key) => {
			if (latest.current.intercept?.(input, key)) return;
			// Keys typed while the simulation held the event loop arrive together ("++"), as a paste
			// would: each character is its own key.
			const presses = input.length > 1 && !key.ctrl && !key.meta ? [...input].map(char => matchCommand(char, key)) : [matchCommand(input, key)];
			for (const command of presses) {
				if (!command) continue;
				const {layout: current, snapshot: shown, quit: leave} = latest.current;
				const focus = store.viewState.focus;
				// Flink takes Trends' slot, and its size.
				const rectOf = (pane: PaneId) => current.rects[pane === 'flink' ? 'trends' : pane];
				const rect = shown.ui.zoom ? current.body : rectOf(focus);
				dispatch(command, store, {
					panes: focusOrder(current.panes, shown.ui.showFlink),
					page: Math.max(1, (rect?.height ?? 4) - 4),
					scrollLimit: pane => scrollLimit(pane, shown.ui.zoom ? current.body : rectOf(pane), shown),
					quit: leave,
				});
			}
		},
		[store],
	);
	useInput(handler);
}
