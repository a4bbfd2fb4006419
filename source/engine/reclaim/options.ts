import {costRange} from '../collectors/cost-model.js';
import {findCollector} from '../collectors/registry.js';
import {InputError} from '../input-error.js';
import {parseChoice, parseIntegerInRange, parseSize} from '../params.js';

/**
 * How memory comes back. `explicit`: a free frees at once. `lazy`: frees are queued and reclaimed in
 * batches. `gc`: a free only drops the block's root; the collector brings memory back.
 */
export type ReclaimMode = 'explicit' | 'lazy' | 'gc';
export const reclaimModes: readonly ReclaimMode[] = ['explicit', 'lazy', 'gc'];

/** `auto` frees unreachable blocks and ended owners' blocks as they are found; stale and growth never automatically. */
export type RepairMode = 'off' | 'auto';
export const repairModes: readonly RepairMode[] = ['off', 'auto'];

/** The allowed ranges of the reclamation options: an option out of range exits 2 with its range. */
export const ranges = {
	gcTrigger: [0, 100],
	staleAfter: [1, 1e12],
	leakCheckEvery: [1, 1e9],
	growthWindows: [2, 1000],
	promoteAfter: [1, 255],
	leakGrace: [0, 1e9],
} as const;

export function parseReclaim(text: string): ReclaimMode {
	return parseChoice(text, '--reclaim', reclaimModes);
}

export function parseRepair(text: string): RepairMode {
	return parseChoice(text, '--repair', repairModes);
}

export function parseCollector(text: string): string {
	return findCollector(text).name;
}

/** `--gc-trigger 80`: collect when the program's space is 80% full; 0 turns it off. */
export function parseGcTrigger(text: string): number {
	return parseIntegerInRange(text.replace(/%$/, ''), '--gc-trigger (percent)', ...ranges.gcTrigger);
}

export function parseStaleAfter(text: string): number {
	return parseIntegerInRange(text, '--stale-after (time units)', ...ranges.staleAfter);
}

export function parseLeakCheckEvery(text: string): number {
	return parseIntegerInRange(text, '--leak-check-every (events)', ...ranges.leakCheckEvery);
}

export function parseGrowthWindows(text: string): number {
	return parseIntegerInRange(text, '--growth-windows', ...ranges.growthWindows);
}

export function parsePromoteAfter(text: string): number {
	return parseIntegerInRange(text, '--promote-after (minor collections survived)', ...ranges.promoteAfter);
}

export function parseLeakGrace(text: string): number {
	return parseIntegerInRange(text, '--leak-grace (events)', ...ranges.leakGrace);
}

/** `--nursery 4m`; 0 means an eighth of the heap. The upper bound (half the heap) is checked when the collector starts. */
export function parseNurseryBytes(text: string): number {
	return parseSize(text, '--nursery');
}

/** `--lazy-bytes 1m`: the lazy queue is reclaimed once it holds this many bytes. */
export function parseLazyBytes(text: string): number {
	const bytes = parseSize(text, '--lazy-bytes');
	if (bytes < 1) throw new InputError(`--lazy-bytes: '${text}' is out of range (allowed: 1 byte or more)`);
	return bytes;
}

/** A cost of the collector's pause model, in nanoseconds (per object, per byte or per block). */
export function parseCost(text: string, what: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || value < costRange.min || value > costRange.max) {
		throw new InputError(`${what}: '${text}' is out of range (allowed: ${costRange.min} to ${costRange.max} nanoseconds)`);
	}
	return value;
}

export interface ReclaimParams {
	readonly collector: string;
	readonly reclaim: ReclaimMode;
	readonly capacity: number | 'grow';
	readonly nurseryBytes: number;
}

/** Combinations no run can start with (checked before the run; exit 2). */
export function validateReclaimParams(params: ReclaimParams): void {
	findCollector(params.collector);
	if (params.reclaim === 'gc' && params.collector === 'none') {
		throw new InputError(`--reclaim gc: memory would never come back without a collector (choose --gc mark-sweep, mark-compact, copying or generational)`);
	}
	if (params.nurseryBytes > 0 && typeof params.capacity === 'number' && params.nurseryBytes > params.capacity / 2) {
		throw new InputError(`--nursery: ${params.nurseryBytes} bytes is out of range (allowed: up to ${Math.floor(params.capacity / 2)} bytes, half the heap)`);
	}
}
