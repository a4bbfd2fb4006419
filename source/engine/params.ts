import type {Coalescing} from './heap.js';
import {InputError} from './input-error.js';
import type {ReclaimMode, RepairMode} from './reclaim/options.js';

/** Every parameter of a run, as `memsim run` options, `--change` keys and dashboard keys set them. */
export interface SimulationParams {
	capacity: number | 'grow';
	align: number;
	header: number;
	minBlock: number;
	splitThreshold: number;
	coalescing: Coalescing;
	strategy: string;
	/** Size classes for `segregated` (ascending upper bounds, bytes). */
	sizeClasses?: number[];
	/** Run the invariant checker after every event. */
	check: boolean;
	/** Events between samples of the sampled metrics (maxExternalFragmentation). */
	sampleEvery: number;
	/** Garbage collector (`--gc`): none, mark-sweep, mark-compact, copying, generational. */
	collector: string;
	/** How frees take effect (`--reclaim`): explicit, lazy or gc. */
	reclaim: ReclaimMode;
	/** Collect when the program's space is this full (percent); 0 = only on allocation failure or on demand. */
	gcTrigger: number;
	/** Time units (events plus ticks) a reachable block may go untouched before it is stale. */
	staleAfter: number;
	repair: RepairMode;
	/** Run the leak detectors (`--leaks`, on by default). */
	leaks: boolean;
	/** Events between leak checks, and the length of a growth window. */
	leakCheckEvery: number;
	/** Consecutive rising windows that make a growth alert (K). */
	growthWindows: number;
	/** Events after a block's allocation or last detachment before it can be reported unreachable. */
	leakGrace: number;
	/** Generational nursery bytes (both semispaces); 0 = an eighth of the heap. */
	nurseryBytes: number;
	/** Minor collections a young block survives before promotion. */
	promoteAfter: number;
	/** Lazy reclamation: bytes queued before a batch is reclaimed. */
	lazyBytes: number;
	/** Pause cost model, nanoseconds: per object marked, per byte moved or copied, per block swept. */
	gcCostMark: number;
	gcCostMove: number;
	gcCostSweep: number;
	/** How owners share the heap (`--partition`): one pool, fixed quotas, or quotas that lend idle space. */
	partition: 'shared' | 'static' | 'elastic';
	/** Quota per owner name in bytes (`--quota owner=size,...`); empty with `owners` for equal shares. */
	quotas: Record<string, number>;
	/** `--owners N`: equal shares of the heap for the first N owners seen (0: quotas come from `quotas`). */
	owners: number;
	/** The adaptive tuner (`--tuner`): off, rules or bandit. */
	tuner: 'off' | 'rules' | 'bandit';
	/** Events between the tuner's looks at the metrics. */
	tunerEpoch: number;
}

export const defaultParams: SimulationParams = {
	capacity: 64 * 1024 * 1024,
	align: 8,
	header: 0,
	minBlock: 8,
	splitThreshold: 8,
	coalescing: 'immediate',
	strategy: 'tlsf',
	check: false,
	sampleEvery: 256,
	collector: 'none',
	reclaim: 'explicit',
	gcTrigger: 0,
	staleAfter: 50_000,
	repair: 'off',
	leaks: true,
	leakCheckEvery: 10_000,
	growthWindows: 8,
	leakGrace: 1000,
	nurseryBytes: 0,
	promoteAfter: 2,
	lazyBytes: 1024 * 1024,
	gcCostMark: 25,
	gcCostMove: 0.25,
	gcCostSweep: 10,
	partition: 'shared',
	quotas: {},
	owners: 0,
	tuner: 'off',
	tunerEpoch: 256,
};

const units: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1024,
	kb: 1024,
	kib: 1024,
	m: 1024 ** 2,
	mb: 1024 ** 2,
	mib: 1024 ** 2,
	g: 1024 ** 3,
	gb: 1024 ** 3,
	gib: 1024 ** 3,
	t: 1024 ** 4,
	tb: 1024 ** 4,
	tib: 1024 ** 4,
};

/** `64m`, `512k`, `1g`, `4096`: binary units, as allocators and Flink count them. */
export function parseSize(text: string, what = 'size'): number {
	const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
	const unit = match ? units[match[2]!.toLowerCase()] : undefined;
	if (!match || unit === undefined) {
		throw new InputError(`${what}: '${text}' is not a size (examples: 4096, 512k, 64m, 1g)`);
	}
	const bytes = Math.floor(Number(match[1]) * unit);
	if (!Number.isFinite(bytes) || bytes > Number.MAX_SAFE_INTEGER) throw new InputError(`${what}: '${text}' is too large`);
	return bytes;
}

export function parseCapacity(text: string): number | 'grow' {
	if (text.trim().toLowerCase() === 'grow') return 'grow';
	const bytes = parseSize(text, '--heap');
	if (bytes <= 0) throw new InputError(`--heap: must be positive or 'grow', got '${text}'`);
	return bytes;
}

export function parseIntegerInRange(text: string, what: string, min: number, max: number): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new InputError(`${what}: '${text}' is out of range (allowed: integers ${min} to ${max})`);
	}
	return value;
}

export function parseChoice<T extends string>(text: string, what: string, choices: readonly T[]): T {
	if (!(choices as readonly string[]).includes(text)) {
		throw new InputError(`${what}: unknown value '${text}' (valid: ${choices.join(', ')})`);
	}
	return text as T;
}
