import type {BlockTable} from '../engine/blocks.js';
import type {Simulation} from '../engine/simulation.js';
import type {PlacementStrategy} from '../engine/strategies/strategy.js';
import {captureState, restoreState, type StateSnapshot} from './state-snapshot.js';

/**
 * A whole engine at one event number, for review mode's seeking. Nearly all engine state lives in
 * object fields and typed arrays, which `captureState` copies. Two things do not, and are handled
 * through public interfaces here:
 *
 * - Placement strategies keep their index in a closure (`create()` returns methods over a local
 *   tree or list index). A checkpoint keeps `handles()` (list order included) and restore clears the
 *   strategy and inserts them again, last first, which rebuilds LIFO lists in the same order (trees,
 *   heaps and bins are keyed, so their answers do not depend on insertion order, and the heaps and bins
 *   list their handles in key order). next-fit's rover is a closure variable too: `trackStrategyState`
 *   wraps `placed`/`clear` to follow it, and restore sets it through `placed`.
 * - The block table only grows. Restoring it to a smaller capacity would leave side tables (the
 *   strategy's among them) larger than the table, which its next growth cannot shrink into; so
 *   restore grows the table straight back to the largest capacity it has had, in one step.
 *
 * `Checkpoints` verifies a restore against a straight run before trusting any of this.
 */
export interface EngineCheckpoint {
	readonly event: number;
	readonly state: StateSnapshot;
	readonly strategyHandles: readonly number[];
	readonly rover?: number;
}

interface TableInternals {
	capacity: number;
	grow(): void;
}

/** Rovers of the strategies `trackStrategyState` wrapped (a WeakMap: not part of the walked state). */
const rovers = new WeakMap<PlacementStrategy, number>();

/** Follow state a strategy keeps in its closure (next-fit's rover); call once, it follows strategy switches. */
export function trackStrategyState(sim: Simulation): void {
	const wrap = () => {
		const strategy = sim.heap.strategy as PlacementStrategy & {placed?: (h: number) => void; clear: () => void};
		if (rovers.has(strategy)) return;
		rovers.set(strategy, 0);
		const blocks = sim.blocks;
		const {placed, clear} = strategy;
		if (placed) {
			strategy.placed = (h: number) => {
				rovers.set(strategy, blocks.addr[h]!);
				placed.call(strategy, h);
			};
		}
		strategy.clear = () => {
			rovers.set(strategy, 0);
			clear.call(strategy);
		};
	};
	wrap();
	sim.events.on('change', (change) => {
		if (change.key === 'strategy') wrap();
	});
}

/** What the walk must not copy: listeners (the dashboard's store), the clock. */
function opaqueParts(sim: Simulation): Set<object> {
	return new Set<object>([sim.events]);
}

export function captureCheckpoint(sim: Simulation): EngineCheckpoint {
	const strategy = sim.heap.strategy;
	return {
		event: sim.eventNumber,
		state: captureState(sim, opaqueParts(sim)),
		strategyHandles: strategy.handles(),
		rover: rovers.get(strategy),
	};
}

/** Put `sim` back to the checkpoint; `capacity` is the largest block-table capacity the run has had. */
export function restoreCheckpoint(sim: Simulation, checkpoint: EngineCheckpoint, capacity: number): void {
	restoreState(checkpoint.state);
	const table = sim.blocks as unknown as TableInternals;
	if (sim.blocks.capacity < capacity) {
		table.capacity = capacity / 2;
		table.grow();
	}
	restoreStrategy(sim.blocks, sim.heap.strategy, checkpoint);
}

function restoreStrategy(blocks: BlockTable, strategy: PlacementStrategy, checkpoint: EngineCheckpoint): void {
	strategy.clear();
	const handles = checkpoint.strategyHandles;
	for (let i = handles.length - 1; i >= 0; i--) strategy.insert(handles[i]!);
	if (checkpoint.rover !== undefined && checkpoint.rover !== 0 && strategy.placed) {
		// placed(h) reads the rover from blocks.addr[h]: lend it a row for the call. next-fit also keeps
		// the row as the block it last cut from, which it checks against the rover before every use.
		const row = 0;
		const saved = blocks.addr[row]!;
		blocks.addr[row] = checkpoint.rover;
		strategy.placed(row);
		blocks.addr[row] = saved;
	}
}

/** True when the strategy holds the same handles in the same order as at the checkpoint. */
export function strategyMatches(sim: Simulation, checkpoint: EngineCheckpoint): boolean {
	const now = sim.heap.strategy.handles();
	const then = checkpoint.strategyHandles;
	return now.length === then.length && now.every((h, i) => h === then[i]);
}
