import fc from 'fast-check';
import {collectorNames} from '../../source/engine/collectors/registry.js';
import {InputError} from '../../source/engine/input-error.js';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {ScriptSource} from './gc-workload.js';
import {Shadow} from './gc-shadow.js';

/** Random programs for the safety properties, and the checker that runs them beside a shadow model. */
export const strategies = ['first-fit', 'next-fit', 'best-fit', 'tlsf', 'buddy'];
export const modes = ['explicit', 'lazy', 'gc'] as const;
const capacity = 2048;

export type Command =
	| {readonly event: [string, number, number]}
	| {readonly change: {key: string; value?: string}};

const id = fc.integer({min: 0, max: 11});
const event = (op: string, x: fc.Arbitrary<number>, y: fc.Arbitrary<number>): fc.Arbitrary<Command> =>
	fc.tuple(x, y).map(([a, b]) => ({event: [op, a, b]}));
const change = (key: string, values: readonly string[]): fc.Arbitrary<Command> =>
	fc.constantFrom(...values).map(value => ({change: {key, value}}));

export const command: fc.Arbitrary<Command> = fc.oneof(
	{weight: 6, arbitrary: event('a', id, fc.integer({min: 1, max: 300}))},
	{weight: 3, arbitrary: event('f', id, fc.constant(0))},
	{weight: 6, arbitrary: event('ref', id, id)},
	{weight: 3, arbitrary: event('unref', id, id)},
	{weight: 2, arbitrary: event('root', id, fc.constant(0))},
	{weight: 2, arbitrary: event('unroot', id, fc.constant(0))},
	{weight: 1, arbitrary: event('r', id, fc.integer({min: 1, max: 400}))},
	{weight: 2, arbitrary: fc.constant<Command>({change: {key: 'collect'}})},
	{weight: 1, arbitrary: fc.constant<Command>({change: {key: 'compact'}})},
	{weight: 1, arbitrary: change('gc', collectorNames())},
	{weight: 1, arbitrary: change('reclaim', modes)},
	{weight: 1, arbitrary: change('strategy', strategies)},
	{weight: 1, arbitrary: change('gc-trigger', ['0', '60', '90'])},
);

export const setup = fc.record({
	collector: fc.constantFrom(...collectorNames().filter(name => name !== 'none')),
	reclaim: fc.constantFrom(...modes),
	strategy: fc.constantFrom('first-fit', 'best-fit', 'tlsf'),
	gcTrigger: fc.constantFrom(0, 70),
	coalescing: fc.constantFrom('immediate' as const, 'deferred' as const, 'none' as const),
	lazyBytes: fc.constantFrom(64, 1 << 20),
	hasGraph: fc.boolean(),
});

/** One run's starting configuration. */
export type Config = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function scriptOf(commands: readonly Command[]): string {
	return commands
		.filter((c): c is Extract<Command, {event: unknown}> => 'event' in c)
		.map(({event: [op, x, y]}) => (op === 'f' || op === 'root' || op === 'unroot' ? `${op} ${x}` : `${op} ${x} ${y}`))
		.join('\n');
}

/** Run the commands one at a time beside a shadow model; throws on the first broken property. */
export function check(config: Config, commands: readonly Command[]): {cycles: number; moved: number; reclaimed: number} {
	const {hasGraph, ...chosen} = config;
	const sim = new Simulation(new ScriptSource(scriptOf(commands), hasGraph), {
		params: {...defaultParams, capacity, check: true, leakCheckEvery: 7, leakGrace: 3, ...chosen},
	});
	const shadow = new Shadow(sim, !hasGraph);
	const seen = {cycles: 0, moved: 0, reclaimed: 0};
	sim.events.on('gc', record => {
		seen.cycles++;
		seen.moved += record.movedBytes;
		seen.reclaimed += record.reclaimedBlocks;
	});
	const fail = (what: string): never => {
		throw new Error(`${what} (collector ${sim.params.collector}, reclaim ${sim.params.reclaim}, strategy ${sim.params.strategy}, event ${sim.eventNumber})`);
	};
	for (const c of commands) {
		if ('event' in c) {
			sim.stepSync(1);
			shadow.apply(...c.event);
		} else {
			const leavingGc = c.change.key === 'reclaim' && sim.params.reclaim === 'gc' && c.change.value !== 'gc';
			try {
				sim.apply(c.change);
				if (leavingGc) shadow.dropFreed();
			} catch (error) {
				if (!(error instanceof InputError)) throw error;
			}
			const problem = checkHeapInvariants(sim.heap);
			if (problem) fail(`invariant after ${c.change.key}: ${problem}`);
		}
		const violations = shadow.syncReclaimed();
		if (violations.length > 0) fail(`reachable blocks reclaimed: ids ${violations.map(v => v.id).join(', ')}`);
		if ('change' in c && c.change.key === 'collect' && sim.params.collector !== 'none') {
			const reachable = shadow.reachable();
			for (const block of shadow.blocks) if (!reachable.has(block)) fail(`unreachable block ${block.id} survived a full collection`);
		}
		if (sim.params.collector === 'copying' && sim.heap.usedBlockBytes + sim.heap.freeBytes > capacity / 2) {
			fail(`copying uses ${sim.heap.usedBlockBytes + sim.heap.freeBytes} bytes of a ${capacity}-byte heap`);
		}
	}
	return seen;
}
