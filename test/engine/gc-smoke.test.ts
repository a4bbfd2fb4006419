import {it} from 'vitest';
import {findGenerator} from '../../source/workloads/generators/registry.js';
import {runAll} from './gc-workload.js';
it('precision', () => {
	for (const name of ['tree-churn', 'cache-eviction', 'uniform', 'phased', 'fragmenter', 'leaky', 'listener-leak', 'lost-buffers', 'task-leak']) {
		const t = performance.now();
		const found: Record<string, number> = {};
		let truth: readonly string[] = [];
		for (let seed = 1; seed <= 20; seed++) {
			const source = findGenerator(name)!.create({seed, events: 150_000});
			truth = source.leakingSites;
			const sim = runAll(source, {capacity: 'grow'});
			for (const a of sim.alerts()) found[`${a.kind}:${a.site}`] = (found[`${a.kind}:${a.site}`] ?? 0) + 1;
		}
		console.log(name, JSON.stringify(truth), JSON.stringify(found), Math.round(performance.now() - t), 'ms');
	}
}, 600_000);
