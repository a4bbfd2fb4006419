import {InputError} from '../input-error.js';
import type {CollectorDescriptor} from './collector.js';
import {copying} from './copying.js';
import {generational} from './generational.js';
import {markCompact} from './mark-compact.js';
import {markSweep} from './mark-sweep.js';
import {noCollector} from './none.js';

/** Every collector, in the order a dashboard key cycles through them. Adding one is one line here. */
export const collectors: readonly CollectorDescriptor[] = [noCollector, markSweep, markCompact, copying, generational];

export function collectorNames(): string[] {
	return collectors.map(c => c.name);
}

export function findCollector(name: string): CollectorDescriptor {
	const found = collectors.find(c => c.name === name);
	if (!found) throw new InputError(`--gc: unknown collector '${name}' (valid: ${collectorNames().join(', ')})`);
	return found;
}
