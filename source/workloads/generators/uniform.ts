import {Op} from '../../engine/events.js';
import {DeathQueue} from './death-queue.js';
import {GeneratorSource} from './generator-source.js';

/** Mean block lifetime in steps; with one allocation a step it is also the mean live block count. */
const meanLifetime = 256;
const minSize = 16;
const maxSize = 4096;

/**
 * The null hypothesis of allocator studies: sizes uniform in [16, 4096] bytes and exponentially
 * distributed lifetimes, one allocation a step. Its live set settles around `meanLifetime` blocks,
 * so an endless run stays bounded. Healthy: everything allocated is freed when it dies.
 */
export class UniformWorkload extends GeneratorSource {
	readonly name = 'uniform';
	readonly hasGraph = false;
	readonly leakingSites: readonly string[] = [];
	private readonly deaths = new DeathQueue();
	private readonly siteIds = ['buffer.alloc', 'string.dup', 'list.node', 'hash.bucket'].map((site) => this.sites.intern(site));

	protected step(): void {
		while (this.deaths.peekTime() <= this.now) this.emit(Op.free, this.deaths.pop());
		const id = this.newId();
		this.emit(Op.alloc, id, this.rng.int(minSize, maxSize), this.rng.pick(this.siteIds));
		this.deaths.add(this.now + 1 + Math.floor(this.rng.exponential(meanLifetime)), id);
	}
}
