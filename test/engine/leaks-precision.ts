import {expect, it} from 'vitest';
import {generators, type GeneratorEntry} from '../../source/workloads/generators/registry.js';
import {runAll} from './gc-workload.js';

const seeds = 20;
/** Long enough for growth to need its K = 8 rising windows of 10,000 events after a slow leak shows. */
const events = 120_000;

export interface Score {
	alerts: number;
	correctAlerts: number;
	leakingSites: number;
	foundSites: number;
	/** Alerts raised on a healthy workload, as `kind site (seed n)`. */
	healthyAlerts: string[];
}

/** Run one generator over 20 seeds with default parameters and score its alerts against its ground truth. */
export function score(entry: GeneratorEntry): Score {
	const result: Score = {alerts: 0, correctAlerts: 0, leakingSites: 0, foundSites: 0, healthyAlerts: []};
	for (let seed = 1; seed <= seeds; seed++) {
		const source = entry.create({seed, events});
		const truth = new Set(source.leakingSites);
		const alerts = runAll(source, {capacity: 'grow'}).alerts();
		result.alerts += alerts.length;
		result.correctAlerts += alerts.filter(a => truth.has(a.site)).length;
		result.leakingSites += truth.size;
		result.foundSites += [...truth].filter(site => alerts.some(a => a.site === site)).length;
		if (truth.size === 0) result.healthyAlerts.push(...alerts.map(a => `${a.kind} ${a.site} (seed ${seed})`));
	}
	return result;
}

/** One test per generator of the registry that `pick` selects: healthy ones raise nothing, leaky ones score 0.9 or better. */
export function precisionTests(pick: (entry: GeneratorEntry) => boolean): void {
	for (const entry of generators.filter(pick)) {
		it(`${entry.name}: alerts over ${seeds} seeds match its leaking sites`, () => {
			const s = score(entry);
			if (s.leakingSites === 0) {
				expect(s.healthyAlerts).toEqual([]);
				return;
			}
			const precision = s.alerts === 0 ? 0 : s.correctAlerts / s.alerts;
			const recall = s.foundSites / s.leakingSites;
			expect({precision: precision >= 0.9, recall: recall >= 0.9, ...s}).toMatchObject({precision: true, recall: true});
		}, 300_000);
	}
}
