import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {AddressTable} from '../../source/workloads/address-table.js';

describe('AddressTable', () => {
	it('answers like a Map through any sequence of sets and takes, across growth and probe-run deletions', () => {
		// Few distinct addresses (multiples of 16, some above 2^32) so sets, takes and collisions repeat.
		const address = fc.oneof(
			fc.integer({min: 1, max: 300}).map((k) => 0x4a00000 + 16 * k),
			fc.integer({min: 1, max: 40}).map((k) => 0x7ff000000000 + 16 * k),
		);
		const step = fc.oneof(
			fc.record({kind: fc.constant('set' as const), address, id: fc.integer({min: 0, max: 1e9})}),
			fc.record({kind: fc.constant('take' as const), address}),
			fc.record({kind: fc.constant('get' as const), address}),
		);
		fc.assert(
			fc.property(fc.array(step, {maxLength: 600}), (steps) => {
				const table = new AddressTable(16);
				const model = new Map<number, number>();
				for (const s of steps) {
					if (s.kind === 'set') {
						table.set(s.address, s.id);
						model.set(s.address, s.id);
					} else if (s.kind === 'take') {
						expect(table.take(s.address)).toBe(model.get(s.address) ?? -1);
						model.delete(s.address);
					} else {
						expect(table.get(s.address)).toBe(model.get(s.address) ?? -1);
					}
					expect(table.size).toBe(model.size);
				}
				for (const [key, id] of model) expect(table.get(key)).toBe(id);
			}),
			{numRuns: 200},
		);
	});

	it('never finds NULL or an unreadable address', () => {
		const table = new AddressTable();
		table.set(16, 3);
		expect(table.get(0)).toBe(-1);
		expect(table.take(0)).toBe(-1);
		expect(table.take(-1)).toBe(-1);
		expect(table.take(16)).toBe(3);
		expect(table.take(16)).toBe(-1);
	});
});
