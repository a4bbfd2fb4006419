import type {ChangeHandler} from '../changes.js';
import {InputError} from '../input-error.js';
import {parseChoice} from '../params.js';
import {partitionModes} from './quotas.js';

/** `--change N:partition=elastic`, the tuner's "static -> elastic": switch how owners share the heap; quotas stay. */
export const partitionChangeHandlers: Record<string, ChangeHandler> = {
	partition: {
		isAction: false,
		help: 'how owners share the heap (shared, static, elastic); quotas come from --quota or --owners',
		validate: value => void parseChoice(value ?? '', 'partition', partitionModes),
		apply(sim, value) {
			const mode = parseChoice(value ?? '', 'partition', partitionModes);
			const previous = sim.partition.mode;
			if (mode !== 'shared' && !sim.partition.hasQuotas) {
				throw new InputError(`partition=${mode}: this run has no quotas (start it with --owners N or --quota owner=size,...)`);
			}
			sim.partition.setMode(mode);
			sim.params.partition = mode;
			return {previous};
		},
	},
};
