import {EventBatch, Op, type OpCode} from '../../source/engine/events.js';
import {Interner} from '../../source/engine/interner.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import type {SyncWorkloadSource} from '../../source/engine/workload-source.js';

/** One scripted event: ['a', id, size, site?, owner?], ['f', id], ['r', id, size]. */
export type ScriptEvent = readonly ['a', number, number, string?, string?] | readonly ['f', number] | readonly ['r', number, number];

/** A workload from a list of events, for tests that need a known heap. */
export class ScriptedSource implements SyncWorkloadSource {
	readonly name: string;
	readonly hasGraph = false;
	readonly sites = new Interner();
	readonly owners = new Interner();
	private next = 0;

	constructor(
		private readonly script: readonly ScriptEvent[],
		name = 'scripted',
	) {
		this.name = name;
	}

	readSync(batch: EventBatch): number {
		const before = batch.length;
		while (batch.length < batch.capacity && this.next < this.script.length) {
			const event = this.script[this.next++]!;
			if (event[0] === 'a') {
				batch.push(Op.alloc as OpCode, event[1], event[2], this.sites.intern(event[3] ?? ''), this.owners.intern(event[4] ?? ''));
			} else if (event[0] === 'f') {
				batch.push(Op.free as OpCode, event[1], 0);
			} else {
				batch.push(Op.realloc as OpCode, event[1], event[2]);
			}
		}
		return batch.length - before;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}
}

export function scriptedSimulation(
	script: readonly ScriptEvent[],
	params: Partial<SimulationParams> = {},
	options: {mapCells?: number; name?: string} = {},
): Simulation {
	return new Simulation(new ScriptedSource(script, options.name), {
		params: {...defaultParams, ...params},
		mapCells: options.mapCells,
	});
}
