import {Command} from 'commander';
import {describe, expect, it, vi} from 'vitest';
import {describeWorkloads, registerWorkloadsCommand} from '../../source/commands/workloads.js';
import {generators} from '../../source/workloads/generators/registry.js';

describe('memsim workloads', () => {
	it('lists every generator and trace format on a line of its own', () => {
		const lines = describeWorkloads().split('\n');
		for (const name of [...generators.map((entry) => entry.name), 'memtrace', 'malloc-lab', 'valgrind']) {
			expect(lines.filter((line) => line.startsWith(`  ${name} `))).toHaveLength(1);
		}
		expect(lines).toContainEqual(expect.stringMatching(/^  cache-eviction +an LRU cache at capacity: hits touch entries, misses insert and evict; healthy graph$/));
		expect(lines[0]).toBe('Synthetic workloads (seeded; endless unless given a length):');
	});

	it('prints the list when run', async () => {
		const program = new Command().exitOverride();
		registerWorkloadsCommand(program);
		const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		await program.parseAsync(['node', 'memsim', 'workloads']);
		expect(write).toHaveBeenCalledWith(describeWorkloads());
		write.mockRestore();
	});
});
