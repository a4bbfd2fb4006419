import fc from 'fast-check';
import {describe, it} from 'vitest';
import {collectorNames} from '../../source/engine/collectors/registry.js';
import {check, command, modes, setup} from './gc-check.js';

describe('collector safety and completeness over random graphs and event orders', () => {
	it('never reclaims a reachable block, and leaves no unreachable one after a full collection', () => {
		fc.assert(
			fc.property(setup, fc.array(command, {minLength: 20, maxLength: 160}), (config, commands) => {
				check(config, commands);
			}),
			{numRuns: 400},
		);
	}, 120_000);

	it('holds under every collector with every reclaim mode from the start', () => {
		for (const collector of collectorNames().filter(name => name !== 'none')) {
			for (const reclaim of modes) {
				fc.assert(
					fc.property(fc.array(command, {minLength: 40, maxLength: 120}), commands => {
						check({collector, reclaim, strategy: 'best-fit', gcTrigger: 70, coalescing: 'immediate', lazyBytes: 64, hasGraph: true}, commands);
					}),
					{numRuns: 25},
				);
			}
		}
	}, 120_000);
});
