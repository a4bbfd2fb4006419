import {InputError} from '../input-error.js';
import {bestFit} from './best-fit.js';
import {buddy} from './buddy.js';
import {firstFit} from './first-fit.js';
import {naiveFirstFit} from './naive-first-fit.js';
import {nextFit} from './next-fit.js';
import {segregated} from './segregated.js';
import type {StrategyDescriptor} from './strategy.js';
import {tlsf} from './tlsf.js';
import {worstFit} from './worst-fit.js';

/** Every placement strategy, in the order `s`/`S` cycle through them. Adding one is one line here. */
export const strategies: readonly StrategyDescriptor[] = [
	firstFit,
	nextFit,
	bestFit,
	worstFit,
	buddy,
	segregated,
	tlsf,
];

/** The baseline is selectable by name but left out of the dashboard's cycle and of default comparisons. */
export const baselineStrategies: readonly StrategyDescriptor[] = [naiveFirstFit];

export function strategyNames(): string[] {
	return strategies.map(s => s.name);
}

export function findStrategy(name: string): StrategyDescriptor {
	const found = [...strategies, ...baselineStrategies].find(s => s.name === name);
	if (!found) {
		const valid = [...strategies, ...baselineStrategies].map(s => s.name).join(', ');
		throw new InputError(`unknown strategy '${name}' (valid: ${valid})`);
	}
	return found;
}
