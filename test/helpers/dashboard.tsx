import React from 'react';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {findGenerator} from '../../source/workloads/generators/registry.js';
import {prepareFlinkRun} from '../../source/flink/sim/flink-run.js';
import {App} from '../../source/ui/app.js';
import {ColorContext} from '../../source/ui/components/color.js';
import {TerminalSize} from '../../source/ui/hooks/terminal-size.js';
import {DashboardStore} from '../../source/ui/store/dashboard-store.js';
import {renderSized, type SizedRender, tick} from './render-ink.js';

export interface DashboardHarness extends SizedRender {
	readonly store: DashboardStore;
	readonly sim: Simulation;
	readonly terminal: TerminalSize;
	/** Times `q` or Ctrl-C asked to quit. */
	readonly quits: () => number;
	/** Advance the fake clock one frame and run the store's frame (step, publish, draw). */
	readonly frame: (ms?: number) => Promise<void>;
}

/** A simulation of a synthetic workload, seeded, for dashboard tests. */
export function workloadSimulation(name = 'leaky', events = 200_000, params: Partial<SimulationParams> = {}): Simulation {
	const source = findGenerator(name)!.create({seed: 1, events});
	return new Simulation(source, {params: {...defaultParams, ...params}});
}

/**
 * The whole dashboard on ink-testing-library at a given size, on a fake clock. The store's timer is
 * not started: each `frame()` is one tick, so tests decide when the simulation moves.
 */
/** `memsim run --flink --workload flink-batch-sort`, as `createSimulation` builds it (default TaskManager). */
export function flinkSimulation(): Simulation {
	const source = findGenerator('flink-batch-sort')!.create({seed: 1, events: 200_000});
	const flink = prepareFlinkRun(new Map(), undefined, source, defaultParams);
	const sim = new Simulation(source, {params: flink.params, admission: flink.memory});
	flink.attach(sim);
	return sim;
}

export async function renderDashboard(sim: Simulation, columns = 120, rows = 40, color = false): Promise<DashboardHarness> {
	const clock = {now: 0};
	const store = new DashboardStore(sim, {now: () => clock.now, readHost: null});
	const terminal = new TerminalSize({columns, rows});
	let quits = 0;
	const tree = (
		<ColorContext.Provider value={color}>
			<App store={store} terminal={terminal} quit={() => quits++} />
		</ColorContext.Provider>
	);
	const view = await renderSized(tree, columns, rows);
	return {
		...view,
		store,
		sim,
		terminal,
		quits: () => quits,
		async frame(ms = 34) {
			clock.now += ms;
			store.tick();
			await tick();
		},
		/** Each key arrives a frame after the previous one, as a person types. */
		async press(...keys: string[]) {
			for (const key of keys) {
				clock.now += 34;
				await view.press(key);
			}
		},
		async resize(newColumns, newRows) {
			await view.resize(newColumns, newRows);
			terminal.resize({columns: newColumns, rows: newRows});
			await tick();
		},
	};
}
