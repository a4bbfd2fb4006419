import {it} from 'vitest';
import {findGenerator} from '../../source/workloads/generators/registry.js';
import {runAll} from './gc-workload.js';
it('speed', () => {
	for (const name of ['leaky', 'uniform', 'tree-churn']) for (const leaks of [false, true]) {
		const source = findGenerator(name)!.create({seed: 1, events: 300_000});
		const t = performance.now();
		const sim = runAll(source, {capacity: 'grow', leaks});
		console.log(name, leaks, Math.round(performance.now() - t), 'ms', sim.heap.usedBlocks);
	}
}, 600_000);
