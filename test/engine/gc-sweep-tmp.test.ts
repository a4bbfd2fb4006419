import {it, expect} from 'vitest';
import {generators} from '../../source/workloads/generators/registry.js';
import {collectorNames} from '../../source/engine/collectors/registry.js';
import {runAll} from './gc-workload.js';
it('robust', () => {
	const out: string[] = [];
	for (const g of generators) for (const collector of collectorNames()) for (const reclaim of ['explicit', 'lazy', 'gc'] as const) {
		if (reclaim === 'gc' && collector === 'none') continue;
		const sim = runAll(g.create({seed: 3, events: 20_000}), {collector, reclaim, capacity: 4 << 20, gcTrigger: 70, check: true, repair: 'auto'});
		const s = sim.summary();
		out.push(`${g.name} ${collector} ${reclaim} cycles=${s.gc.cycles} fail=${s.failures} leaks=${s.leaks.map(l => l.kind + ':' + l.site).join(',')} anomalies=${Object.keys(s.anomalies).join(',')}`);
	}
	console.log(out.join('\n'));
	expect(out.length).toBeGreaterThan(0);
}, 900_000);
