import type {ChangeHandler} from '../changes.js';
import {parseTunerEpoch, parseTunerMode} from './registry.js';

/** `--change N:tuner=rules`, `tuner-epoch=500` and the dashboard's `u`: one path for all three. */
export const tunerChangeHandlers: Record<string, ChangeHandler> = {
	tuner: {
		isAction: false,
		help: 'adaptive tuner (off, rules, bandit)',
		validate: value => void parseTunerMode(value ?? '', 'tuner'),
		apply(sim, value) {
			const previous = sim.tuner.mode;
			sim.tuner.setMode(parseTunerMode(value ?? '', 'tuner'));
			return {previous};
		},
	},
	'tuner-epoch': {
		isAction: false,
		help: 'events between the tuner looks at the metrics',
		validate: value => void parseTunerEpoch(value ?? '', 'tuner-epoch'),
		apply(sim, value) {
			const previous = String(sim.params.tunerEpoch);
			sim.tuner.setEpoch(parseTunerEpoch(value ?? '', 'tuner-epoch'));
			return {previous};
		},
	},
};
