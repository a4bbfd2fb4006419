import {InputError} from '../input-error.js';
import {parseChoice, parseIntegerInRange, parseSize} from '../params.js';

export const partitionModes = ['shared', 'static', 'elastic'] as const;
export type PartitionMode = (typeof partitionModes)[number];

export function parsePartition(text: string): PartitionMode {
	return parseChoice(text, '--partition', partitionModes);
}

/** `--quota render=16m,index=4m`: a quota per owner name, in bytes. */
export function parseQuotas(text: string): Record<string, number> {
	const quotas: Record<string, number> = {};
	for (const part of text.split(',')) {
		const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
		if (!match) throw new InputError(`--quota: '${part}' is not owner=size (example: --quota render=16m,index=4m)`);
		const [, owner, size] = match;
		if (owner! in quotas) throw new InputError(`--quota: owner '${owner}' is given twice`);
		const bytes = parseSize(size!, `--quota ${owner}`);
		if (bytes <= 0) throw new InputError(`--quota ${owner}: a quota must be positive`);
		quotas[owner!] = bytes;
	}
	return quotas;
}

export function parseOwners(text: string): number {
	return parseIntegerInRange(text, '--owners', 1, 4096);
}

/** What a partitioned run needs; checked before the run starts so a bad combination exits 2. */
export interface QuotaPlan {
	readonly mode: PartitionMode;
	readonly quotas: Record<string, number>;
	readonly owners: number;
	readonly capacity: number | 'grow';
}

/**
 * Check that quotas can be worked out: named quotas, or equal shares of a fixed heap. The named
 * quotas may not add up to more than a fixed heap (the cut would promise space that is not there).
 */
export function validateQuotaPlan(plan: QuotaPlan): void {
	const named = Object.keys(plan.quotas).length > 0;
	if (named && plan.owners > 0) throw new InputError(`--partition ${plan.mode}: give --quota or --owners, not both`);
	if (plan.mode === 'shared' && !named && plan.owners === 0) return;
	if (!named && plan.owners === 0) {
		throw new InputError(`--partition ${plan.mode}: say how to cut the heap (--owners N for equal shares, or --quota owner=size,...)`);
	}
	if (!named && plan.capacity === 'grow') {
		throw new InputError(`--partition ${plan.mode} --owners ${plan.owners}: equal shares need a fixed --heap (a growing heap has no size to share)`);
	}
	if (named && plan.capacity !== 'grow') {
		const total = Object.values(plan.quotas).reduce((sum, bytes) => sum + bytes, 0);
		if (total > plan.capacity) throw new InputError(`--quota: the quotas add up to ${total} bytes, more than the ${plan.capacity}-byte heap`);
	}
}

/**
 * The quota of the owner seen `order`-th (0-based) named `name`, or undefined when it has none.
 * Named quotas go by name; `--owners N` gives the first N owners seen an equal share each, as Flink
 * gives each slot a fixed share of managed memory.
 */
export function quotaFor(plan: QuotaPlan, name: string, order: number): number | undefined {
	if (Object.keys(plan.quotas).length > 0) return plan.quotas[name];
	if (plan.owners > 0 && order < plan.owners && plan.capacity !== 'grow') return Math.floor(plan.capacity / plan.owners);
	return undefined;
}
