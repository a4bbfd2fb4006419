import {Op} from '../../engine/events.js';
import {DeathQueue} from './death-queue.js';
import {GeneratorSource} from './generator-source.js';

const meanLifetime = 200;
/** Chance per step of one leaked block: slow enough to hide among the healthy churn, steady enough to find. */
const leakRate = 0.02;
const leakSite = 'metrics.label';

/** Healthy sites with their size ranges: a request-serving program's usual allocations. */
const healthy = [
	{site: 'request.buffer', min: 512, max: 8192},
	{site: 'json.parse', min: 24, max: 512},
	{site: 'http.header', min: 32, max: 256},
	{site: 'route.match', min: 16, max: 96},
];

/**
 * A server that slowly leaks: among healthy, short-lived allocations, one site (`metrics.label`,
 * a label string interned for a metric and never released) allocates blocks that are never freed.
 * No object graph: the leak is a block that is never freed, as in a plain C program.
 */
export class LeakyWorkload extends GeneratorSource {
	readonly name = 'leaky';
	readonly hasGraph = false;
	readonly leakingSites: readonly string[] = [leakSite];
	private readonly deaths = new DeathQueue();
	private readonly healthySites = healthy.map((kind) => ({...kind, id: this.sites.intern(kind.site)}));
	private readonly leakSiteId = this.sites.intern(leakSite);

	protected step(): void {
		while (this.deaths.peekTime() <= this.now) this.emit(Op.free, this.deaths.pop());
		const kind = this.rng.pick(this.healthySites);
		const id = this.newId();
		this.emit(Op.alloc, id, this.rng.int(kind.min, kind.max), kind.id);
		this.deaths.add(this.now + 1 + Math.floor(this.rng.exponential(meanLifetime)), id);
		if (this.rng.chance(leakRate)) this.emit(Op.alloc, this.newId(), this.rng.int(32, 256), this.leakSiteId);
	}
}
