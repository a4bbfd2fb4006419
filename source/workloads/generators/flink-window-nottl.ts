import type {GeneratorOptions} from './generator-source.js';
import {FlinkWindowWorkload, windowStateSite} from './flink-window.js';

/**
 * The same keyed aggregation with its state kept without a TTL (`StateTtlConfig` never set): the
 * windows fire, but each key's state stays for good, and new keys keep arriving. Managed memory
 * grows without bound at `window.state` until a request no longer fits the slot's STATE_BACKEND
 * share ("Could not allocate N pages"); the growth detector sees the trend long before.
 */
export class FlinkWindowNoTtlWorkload extends FlinkWindowWorkload {
	override readonly name = 'flink-window-nottl';
	override readonly leakingSites: readonly string[] = [windowStateSite];

	constructor(options: GeneratorOptions) {
		super(options, false);
	}
}
