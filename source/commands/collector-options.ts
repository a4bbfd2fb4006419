import {type Command, Option} from 'commander';
import {collectorNames} from '../engine/collectors/registry.js';
import {defaultParams, type SimulationParams} from '../engine/params.js';
import {
	parseCollector,
	parseCost,
	parseGcTrigger,
	parseGrowthWindows,
	parseLazyBytes,
	parseLeakCheckEvery,
	parseLeakGrace,
	parseNurseryBytes,
	parsePromoteAfter,
	parseReclaim,
	parseRepair,
	parseStaleAfter,
	reclaimModes,
	repairModes,
	validateReclaimParams,
} from '../engine/reclaim/options.js';

/** The collector, reclamation and leak options of `memsim run` (and replay's overrides). */
export interface CollectorOptionValues {
	reclaim?: string;
	gc?: string;
	gcTrigger?: string;
	staleAfter?: string;
	repair?: string;
	leaks?: boolean;
	leakCheckEvery?: string;
	growthWindows?: string;
	leakGrace?: string;
	nursery?: string;
	promoteAfter?: string;
	lazyBytes?: string;
	costMark?: string;
	costMove?: string;
	costSweep?: string;
}

export function addCollectorOptions(command: Command): Command {
	return command
		.addOption(new Option('--reclaim <mode>', 'how frees reclaim memory (default explicit)').choices([...reclaimModes]))
		.option('--gc <collector>', `garbage collector: ${collectorNames().join(', ')} (default none)`)
		.option('--gc-trigger <percent>', 'collect when heap occupancy passes this percent (0 = only on allocation failure)')
		.option('--stale-after <units>', `stale-leak threshold in time units: events plus ticks (default ${defaultParams.staleAfter})`)
		.addOption(new Option('--repair <mode>', 'auto frees unreachable blocks and ended owners\' blocks as found (default off)').choices([...repairModes]))
		.option('--no-leaks', 'turn the leak detectors off')
		.option('--leak-check-every <events>', `events between reachability checks (default ${defaultParams.leakCheckEvery})`)
		.option('--growth-windows <k>', `consecutive growing windows before a growth alert (default ${defaultParams.growthWindows})`)
		.option('--leak-grace <events>', `blocks younger than this are not called unreachable yet (default ${defaultParams.leakGrace})`)
		.option('--nursery <size>', "generational: nursery size (default an eighth of the heap)")
		.option('--promote-after <n>', `generational: survivals before promotion (default ${defaultParams.promoteAfter})`)
		.option('--lazy-bytes <size>', 'lazy reclamation: queued bytes that trigger a batch (default 1m)')
		.option('--cost-mark <ns>', `modeled pause per object marked (default ${defaultParams.gcCostMark} ns)`)
		.option('--cost-move <ns>', `modeled pause per byte copied or moved (default ${defaultParams.gcCostMove} ns)`)
		.option('--cost-sweep <ns>', `modeled pause per block swept (default ${defaultParams.gcCostSweep} ns)`);
}

export function applyCollectorOptions(values: CollectorOptionValues, params: SimulationParams): void {
	if (values.gc !== undefined) params.collector = parseCollector(values.gc);
	if (values.reclaim !== undefined) {
		params.reclaim = parseReclaim(values.reclaim);
		// `--reclaim gc` alone means "collect my garbage": the non-moving collector is the least surprising.
		if (params.reclaim === 'gc' && values.gc === undefined && params.collector === 'none') params.collector = 'mark-sweep';
	}
	if (values.gcTrigger !== undefined) params.gcTrigger = parseGcTrigger(values.gcTrigger);
	if (values.staleAfter !== undefined) params.staleAfter = parseStaleAfter(values.staleAfter);
	if (values.repair !== undefined) params.repair = parseRepair(values.repair);
	if (values.leaks === false) params.leaks = false;
	if (values.leakCheckEvery !== undefined) params.leakCheckEvery = parseLeakCheckEvery(values.leakCheckEvery);
	if (values.growthWindows !== undefined) params.growthWindows = parseGrowthWindows(values.growthWindows);
	if (values.leakGrace !== undefined) params.leakGrace = parseLeakGrace(values.leakGrace);
	if (values.nursery !== undefined) params.nurseryBytes = parseNurseryBytes(values.nursery);
	if (values.promoteAfter !== undefined) params.promoteAfter = parsePromoteAfter(values.promoteAfter);
	if (values.lazyBytes !== undefined) params.lazyBytes = parseLazyBytes(values.lazyBytes);
	if (values.costMark !== undefined) params.gcCostMark = parseCost(values.costMark, '--cost-mark');
	if (values.costMove !== undefined) params.gcCostMove = parseCost(values.costMove, '--cost-move');
	if (values.costSweep !== undefined) params.gcCostSweep = parseCost(values.costSweep, '--cost-sweep');
	validateReclaimParams(params);
}
