import type {Change} from '../changes.js';
import {parseChoice, parseIntegerInRange} from '../params.js';
import {BanditTuner} from './bandit.js';
import {RulesTuner} from './rules.js';
import {type Tuner, type TunerMode, tunerModes} from './tuner.js';

export function createTuner(mode: Exclude<TunerMode, 'off'>): Tuner {
	return mode === 'rules' ? new RulesTuner() : new BanditTuner();
}

export function parseTunerMode(text: string, what = '--tuner'): TunerMode {
	return parseChoice(text, what, tunerModes);
}

export function parseTunerEpoch(text: string, what = '--tuner-epoch'): number {
	return parseIntegerInRange(text, what, 1, 1 << 30);
}

/** The dashboard's `u`: the next tuner mode (off -> rules -> bandit -> off), as a change. */
export function nextTuner(current: string): Change {
	const at = (tunerModes as readonly string[]).indexOf(current);
	return {key: 'tuner', value: tunerModes[(at + 1) % tunerModes.length]!};
}

/** Strategy name `compare` reads as "start at this strategy with the rules tuner on". */
export const autoStrategy = 'auto';
export const autoStart = {strategy: 'best-fit', tuner: 'rules'} as const;
