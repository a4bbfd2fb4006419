import type {ScheduledChange} from '../engine/changes.js';
import type {SimulationParams} from '../engine/params.js';
import type {Simulation} from '../engine/simulation.js';
import type {ChangeLine} from './format.js';
import {changeLine} from './recorder.js';

/**
 * Everything a recording started mid-run (the dashboard's `R` key) must repeat: the parameters the
 * simulation began with and every change since. Attached right after the simulation is built, so
 * `initialParams` already holds the `--change 0:...` changes the constructor applied; those are
 * kept as lines marked `initial`, shown on the timeline but not applied again by replay.
 */
export class ChangeHistory {
	readonly initialParams: SimulationParams;
	private readonly lines: ChangeLine[];
	private readonly off: () => void;

	constructor(sim: Simulation, scripted: readonly ScheduledChange[] = []) {
		this.initialParams = structuredClone(sim.params);
		this.lines = scripted
			.filter((change) => change.event === 0)
			.map((change) => ({
				type: 'change' as const,
				event: 0,
				at: 0,
				key: change.key,
				...(change.value === undefined ? {} : {value: change.value}),
				origin: 'scripted' as const,
				description: change.value === undefined ? change.key : `${change.key} -> ${change.value}`,
				initial: true,
			}));
		this.off = sim.events.on('change', (change) => this.lines.push(changeLine(change, 0)));
	}

	/** Changes so far, oldest first. */
	get changes(): readonly ChangeLine[] {
		return this.lines;
	}

	dispose(): void {
		this.off();
	}
}
