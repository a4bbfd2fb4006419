import type {Simulation} from '../engine/simulation.js';
import {FlinkMemory} from '../flink/sim/flink-memory.js';

/** The summary `memsim run --json` prints: the engine's, plus the Flink figures under `--flink`. */
export function runSummary(sim: Simulation): Record<string, unknown> {
	const flink = sim.admission instanceof FlinkMemory ? sim.admission.summary() : undefined;
	return flink ? {...sim.summary(), flink} : {...sim.summary()};
}
