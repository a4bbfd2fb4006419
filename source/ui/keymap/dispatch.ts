import type {DashboardStore} from '../store/dashboard-store.js';
import * as engine from '../store/engine-commands.js';
import {nextTuner} from '../../engine/tuner/registry.js';
import type {PaneId} from '../store/snapshot.js';
import {Command} from './commands.js';

export interface DispatchContext {
	/** Panes of the current layout, in focus order. */
	readonly panes: readonly PaneId[];
	/** Lines a page-up/down moves. */
	readonly page: number;
	/** The most a pane can scroll in the current layout. */
	readonly scrollLimit: (pane: PaneId) => number;
	readonly quit: () => void;
}

/** The one place where commands become store and engine calls. */
export function dispatch(command: Command, store: DashboardStore, context: DispatchContext): void {
	const sim = store.sim;
	const view = store.viewState;
	const scroll = (delta: number) => store.view({type: 'scroll', delta, max: context.scrollLimit(view.focus)});
	// While help is open, only closing it and quitting do anything.
	if (view.help && command !== Command.help && command !== Command.close && command !== Command.quit) return;
	switch (command) {
		case Command.togglePause:
			return store.togglePause();
		case Command.stepBatch:
			return store.step(store.loop.batch);
		case Command.stepOne:
			return store.step(1);
		case Command.faster:
			return store.faster();
		case Command.slower:
			return store.slower();
		case Command.runToEnd:
			return store.runToEnd();
		case Command.nextStrategy:
			return store.change(engine.nextStrategy(sim, 1));
		case Command.previousStrategy:
			return store.change(engine.nextStrategy(sim, -1));
		case Command.nextCollector:
			return store.change(engine.nextCollector(sim));
		case Command.nextReclaim:
			return store.change(engine.nextReclaim(sim));
		case Command.collectNow:
			return store.change(engine.collectNow);
		case Command.triggerDown:
			return store.change(engine.adjustTrigger(sim, -5));
		case Command.triggerUp:
			return store.change(engine.adjustTrigger(sim, 5));
		case Command.staleHalve:
			return store.change(engine.scaleStaleAfter(sim, 0.5));
		case Command.staleDouble:
			return store.change(engine.scaleStaleAfter(sim, 2));
		case Command.repairNow:
			return store.change(engine.repairNow);
		case Command.toggleRepair:
			return store.change(engine.toggleRepair(sim));
		case Command.compactNow:
			return store.change(engine.compactNow);
		case Command.cycleTuner:
			return store.change(nextTuner(sim.tuner.mode));
		case Command.focusNext:
			return store.view({type: 'focus', step: 1, panes: context.panes});
		case Command.focusPrevious:
			return store.view({type: 'focus', step: -1, panes: context.panes});
		case Command.scrollUp:
			return scroll(-1);
		case Command.scrollDown:
			return scroll(1);
		case Command.pageUp:
			return scroll(-context.page);
		case Command.pageDown:
			return scroll(context.page);
		case Command.zoom:
			return store.view({type: 'zoom'});
		case Command.toggleGrouping:
			return store.view({type: 'grouping'});
		case Command.toggleFlink:
			// Only a `--flink` run has a Flink pane to switch to.
			return store.getSnapshot().flink ? store.view({type: 'flink'}) : undefined;
		case Command.toggleRecording:
			// The recording root (ui/review/recording-root.tsx) owns the session file and sees `R` first.
			return undefined;
		case Command.help:
			return store.view({type: 'help'});
		case Command.close:
			return store.view({type: 'close'});
		case Command.quit:
			return context.quit();
	}
}
