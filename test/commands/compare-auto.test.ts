import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type CompareResult, runCompareCell} from '../../source/commands/compare-cell.js';
import {defaultComparisonTraces, projectRoot} from '../../source/commands/project-paths.js';
import {buildParams} from '../../source/commands/run-options.js';
import {strategyNames} from '../../source/engine/strategies/registry.js';

// compare's defaults: an sbrk-style heap that grows.
const params = buildParams({heap: 'grow'});

describe('compare: the tuner as a column', () => {
	it("runs 'auto' as best-fit with the rules tuner and reports it as auto", async () => {
		const trace = path.join(projectRoot(), 'fixtures', 'traces', 'short1-bal.rep');
		const auto = await runCompareCell({trace, strategy: 'auto', params});
		const bestFit = await runCompareCell({trace, strategy: 'best-fit', params});
		expect(auto).toMatchObject({trace: 'short1-bal.rep', strategy: 'auto', failures: 0});
		expect(auto.peakUtilization).toBeGreaterThanOrEqual(bestFit.peakUtilization);
	});

	// The acceptance bar: on every default trace (the malloc-lab suite beside the repository and the
	// valgrind fixtures), auto's peak utilization is within 5 points of the best fixed strategy's.
	const traces = defaultComparisonTraces();
	it.skipIf(traces.length === 0)('reaches within 5% of the best fixed strategy on every default trace', async () => {
		const misses: string[] = [];
		for (const trace of traces) {
			const fixed: CompareResult[] = [];
			for (const strategy of strategyNames()) fixed.push(await runCompareCell({trace, strategy, params}));
			const best = fixed.reduce((a, b) => (b.peakUtilization > a.peakUtilization ? b : a));
			const auto = await runCompareCell({trace, strategy: 'auto', params});
			if (auto.peakUtilization < best.peakUtilization - 0.05) {
				misses.push(`${auto.trace}: auto ${auto.peakUtilization.toFixed(4)}, ${best.strategy} ${best.peakUtilization.toFixed(4)}`);
			}
		}
		expect(misses).toEqual([]);
	}, 120_000);
});
