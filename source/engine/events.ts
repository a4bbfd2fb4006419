/**
 * Workload events as the engine consumes them: columnar batches, so a trace of millions of events
 * costs a few typed arrays rather than an object per event.
 *
 * Field meaning per op (a = `id` column, b = `arg` column):
 *   alloc   a=id b=size   site, owner
 *   free    a=id
 *   realloc a=id b=size   site, owner (site/owner of the original block are kept; these are for realloc(NULL, n))
 *   ref     a=from b=to
 *   unref   a=from b=to
 *   root    a=id
 *   unroot  a=id
 *   touch   a=id
 *   tick    b=n (time units)
 *   taskStart / taskEnd  owner
 * `line` is the 1-based line in the source file (0 for generated events).
 */
export const Op = {
	alloc: 1,
	free: 2,
	realloc: 3,
	ref: 4,
	unref: 5,
	root: 6,
	unroot: 7,
	touch: 8,
	tick: 9,
	taskStart: 10,
	taskEnd: 11,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

export const opNames: Record<number, string> = {
	1: 'a',
	2: 'f',
	3: 'r',
	4: 'ref',
	5: 'unref',
	6: 'root',
	7: 'unroot',
	8: 'touch',
	9: 'tick',
	10: 'task-start',
	11: 'task-end',
};

/** Site and owner index meaning "none given". */
export const noName = 0;

export class EventBatch {
	readonly op: Uint8Array;
	readonly id: Float64Array;
	readonly arg: Float64Array;
	readonly site: Int32Array;
	readonly owner: Int32Array;
	readonly line: Int32Array;
	length = 0;

	constructor(readonly capacity = 8192) {
		this.op = new Uint8Array(capacity);
		this.id = new Float64Array(capacity);
		this.arg = new Float64Array(capacity);
		this.site = new Int32Array(capacity);
		this.owner = new Int32Array(capacity);
		this.line = new Int32Array(capacity);
	}

	get full(): boolean {
		return this.length >= this.capacity;
	}

	clear(): void {
		this.length = 0;
	}

	push(op: OpCode, id: number, arg: number, site = noName, owner = noName, line = 0): void {
		const i = this.length++;
		this.op[i] = op;
		this.id[i] = id;
		this.arg[i] = arg;
		this.site[i] = site;
		this.owner[i] = owner;
		this.line[i] = line;
	}
}
