import type {PaneId, SitesSlice} from './snapshot.js';

/** What the user is looking at, apart from the simulation: focus, zoom, help and each pane's scroll. */
export interface ViewState {
	readonly focus: PaneId;
	readonly zoom: boolean;
	readonly help: boolean;
	readonly scroll: Readonly<Record<PaneId, number>>;
	readonly grouping: SitesSlice['grouping'];
	/** Flink in place of Trends when the run has a Flink slice (`--flink`); key `f` flips it. */
	readonly showFlink: boolean;
}

export type ViewAction =
	| {readonly type: 'focus'; readonly step: 1 | -1; readonly panes: readonly PaneId[]}
	| {readonly type: 'scroll'; readonly delta: number; readonly max: number}
	| {readonly type: 'zoom'}
	| {readonly type: 'help'}
	| {readonly type: 'close'}
	| {readonly type: 'grouping'}
	| {readonly type: 'flink'};

/** Every pane in the full layout's focus order. */
export const paneOrder: readonly PaneId[] = ['heap', 'gc', 'leaks', 'sites', 'trends', 'events', 'host'];

export const initialView: ViewState = {
	focus: 'heap',
	zoom: false,
	help: false,
	scroll: {heap: 0, gc: 0, leaks: 0, sites: 0, trends: 0, flink: 0, events: 0, host: 0},
	grouping: 'sites',
	showFlink: true,
};

/** A layout's focus order with Flink in Trends' place when the Flink pane is shown. */
export function focusOrder(panes: readonly PaneId[], showFlink: boolean): readonly PaneId[] {
	return showFlink ? panes.map(pane => (pane === 'trends' ? 'flink' : pane)) : panes;
}

/** Scroll offsets stay between 0 and the most the focused pane can scroll (the layout knows it). */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'focus': {
			const panes = action.panes.length > 0 ? action.panes : paneOrder;
			const at = panes.indexOf(state.focus);
			const next = at < 0 ? panes[0]! : panes[(at + action.step + panes.length) % panes.length]!;
			return {...state, focus: next};
		}
		case 'scroll': {
			const current = state.scroll[state.focus];
			const next = Math.max(0, Math.min(action.max, current + action.delta));
			return next === current ? state : {...state, scroll: {...state.scroll, [state.focus]: next}};
		}
		case 'zoom':
			return {...state, zoom: !state.zoom};
		case 'help':
			return {...state, help: !state.help};
		case 'close':
			return state.help || state.zoom ? {...state, help: false, zoom: state.help ? state.zoom : false} : state;
		case 'grouping':
			return {...state, grouping: state.grouping === 'sites' ? 'owners' : 'sites'};
		case 'flink': {
			// Focus (and zoom) follow the slot: the pane swapped out hands its focus to the one swapped in.
			const swap: Partial<Record<PaneId, PaneId>> = state.showFlink ? {flink: 'trends'} : {trends: 'flink'};
			return {...state, showFlink: !state.showFlink, focus: swap[state.focus] ?? state.focus};
		}
	}
}
