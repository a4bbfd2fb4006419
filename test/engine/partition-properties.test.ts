import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkHeapInvariants} from '../../source/engine/invariants.js';
import type {Simulation} from '../../source/engine/simulation.js';
import {type ScriptEvent, scriptedSimulation} from '../helpers/scripted-source.js';

const kib = 1024;

/**
 * Random programs over three owners (a allocates twice as often, so it borrows): allocations, frees
 * and reallocs of ids 0..39, sizes unbiased so quotas are reached (about ten quota failures and a few
 * evictions per program).
 */
const scripts = fc.array(
	fc.oneof(
		{
			weight: 4,
			arbitrary: fc
				.tuple(fc.nat(39), fc.noBias(fc.integer({min: 1, max: 8000})), fc.constantFrom('a', 'a', 'b', 'c'))
				.map(([id, size, owner]): ScriptEvent => ['a', id, size, 'site', owner]),
		},
		{weight: 2, arbitrary: fc.nat(39).map((id): ScriptEvent => ['f', id])},
		{weight: 1, arbitrary: fc.tuple(fc.nat(39), fc.noBias(fc.integer({min: 1, max: 12000}))).map(([id, size]): ScriptEvent => ['r', id, size])},
	),
	{minLength: 40, maxLength: 150},
);

/** What each owner's live blocks occupy, at the block size the partition charges. */
function heldByOwner(sim: Simulation): Map<string, number> {
	const held = new Map<string, number>();
	for (const h of sim.heap.usedHandles()) {
		const owner = sim.source.owners.name(sim.blocks.owner[h]!);
		held.set(owner, (held.get(owner) ?? 0) + sim.heap.blockSizeFor(sim.blocks.request[h]!));
	}
	return held;
}

function check(mode: 'static' | 'elastic', script: readonly ScriptEvent[]): void {
	// Named quotas on a growing heap: the quotas are the only limit, so every refusal is the partition's.
	const sim = scriptedSimulation(script, {capacity: 'grow', quotas: {a: 16 * kib, b: 16 * kib, c: 16 * kib}, partition: mode});
	for (let i = 0; i < script.length; i++) {
		sim.stepSync(1);
		const rows = sim.partition.rows();
		const held = heldByOwner(sim);
		for (const row of rows) {
			// The ledger agrees with the heap: what it charges is what the owner's blocks hold.
			expect(row.liveBytes).toBe(held.get(row.owner) ?? 0);
			expect(row.peakBytes).toBeGreaterThanOrEqual(row.liveBytes);
			if (mode === 'static') expect(row.liveBytes).toBeLessThanOrEqual(row.quotaBytes!);
		}
		expect(rows.reduce((sum, row) => sum + row.liveBytes, 0)).toBeLessThanOrEqual(48 * kib);
	}
	// Evictions free blocks behind the program's back: the heap must still be whole.
	expect(checkHeapInvariants(sim.heap)).toBeUndefined();
}

describe('partition properties', () => {
	it('static: no owner ever holds more than its quota, and the ledger matches the heap', () => {
		fc.assert(fc.property(scripts, script => check('static', script)), {numRuns: 60});
	});

	it('elastic: the owners together never hold more than the quotas, and the ledger matches the heap', () => {
		fc.assert(fc.property(scripts, script => check('elastic', script)), {numRuns: 60});
	});
});
