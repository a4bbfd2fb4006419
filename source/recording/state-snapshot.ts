/**
 * A copy of everything reachable from one object (a Simulation), restorable in place: the same
 * objects get their fields, elements, entries and typed-array contents back. Identity is kept, so
 * closures the engine holds (`() => this.heap`, emit callbacks) stay valid, and listeners outside the
 * snapshot keep their references. Functions are opaque (their captured variables are not copied:
 * engine state lives in fields), and so is anything in `opaque` (the event emitter, I/O objects).
 *
 * This is how review mode seeks: checkpoints every so many events, restore the nearest one before
 * the target, step forward from there.
 */
type SparseEntry = {readonly kind: 'sparse'; readonly ref: TypedArray; readonly base: number; readonly at: Uint32Array; readonly values: TypedArray};
type TypedEntry = {readonly kind: 'typed'; readonly ref: TypedArray; readonly copy: TypedArray};

type Entry =
	| {readonly kind: 'object'; readonly ref: Record<PropertyKey, unknown>; readonly keys: PropertyKey[]; readonly values: unknown[]}
	| {readonly kind: 'array'; readonly ref: unknown[]; readonly values: unknown[]}
	| {readonly kind: 'map'; readonly ref: Map<unknown, unknown>; readonly entries: Array<[unknown, unknown]>}
	| {readonly kind: 'set'; readonly ref: Set<unknown>; readonly values: unknown[]}
	| TypedEntry
	| SparseEntry
	| {readonly kind: 'buffer'; readonly ref: ArrayBuffer; readonly copy: ArrayBuffer};

type TypedArray = Exclude<ArrayBufferView, DataView> & {set(array: ArrayLike<number> | ArrayLike<bigint>): void; slice(): TypedArray};

export interface StateSnapshot {
	readonly entries: readonly Entry[];
	/** Bytes of typed-array and buffer copies (the bulk of a checkpoint's memory). */
	readonly bytes: number;
}

/** Objects whose state is not ours to copy: promises, weak collections, streams, dates (immutable here). */
function isForeign(value: object): boolean {
	return (
		value instanceof Promise ||
		value instanceof WeakMap ||
		value instanceof WeakSet ||
		value instanceof WeakRef ||
		value instanceof Date ||
		value instanceof RegExp ||
		value instanceof DataView ||
		typeof (value as {pipe?: unknown}).pipe === 'function' ||
		typeof (value as {on?: unknown; emit?: unknown; removeListener?: unknown}).removeListener === 'function'
	);
}

export function captureState(root: object, opaque: ReadonlySet<object> = new Set()): StateSnapshot {
	const entries: Entry[] = [];
	const seen = new Set<object>();
	const stack: unknown[] = [root];
	let bytes = 0;
	const visit = (value: unknown) => {
		if (typeof value === 'object' && value !== null && !seen.has(value)) stack.push(value);
	};
	while (stack.length > 0) {
		const value = stack.pop() as object;
		if (seen.has(value)) continue;
		seen.add(value);
		if (opaque.has(value) || isForeign(value)) continue;
		if (ArrayBuffer.isView(value)) {
			const entry = copyTyped(value as TypedArray);
			entries.push(entry);
			bytes += entry.kind === 'typed' ? entry.copy.byteLength : entry.at.byteLength + entry.values.byteLength;
		} else if (value instanceof ArrayBuffer) {
			entries.push({kind: 'buffer', ref: value, copy: value.slice(0)});
			bytes += value.byteLength;
		} else if (Array.isArray(value)) {
			entries.push({kind: 'array', ref: value, values: value.slice()});
			for (const item of value) visit(item);
		} else if (value instanceof Map) {
			const list = [...value];
			entries.push({kind: 'map', ref: value, entries: list});
			for (const [key, item] of list) {
				visit(key);
				visit(item);
			}
		} else if (value instanceof Set) {
			const list = [...value];
			entries.push({kind: 'set', ref: value, values: list});
			for (const item of list) visit(item);
		} else {
			const record = value as Record<PropertyKey, unknown>;
			const keys: PropertyKey[] = [];
			const values: unknown[] = [];
			for (const key of Reflect.ownKeys(record)) {
				const descriptor = Object.getOwnPropertyDescriptor(record, key)!;
				if (!('value' in descriptor)) continue;
				visit(descriptor.value);
				if (!descriptor.writable) continue;
				keys.push(key);
				values.push(descriptor.value);
			}
			if (!Object.isFrozen(record)) entries.push({kind: 'object', ref: record, keys, values});
		}
	}
	return {entries, bytes};
}

/** Put every captured object back as it was when captured. The snapshot stays valid for later restores. */
export function restoreState(snapshot: StateSnapshot): void {
	for (const entry of snapshot.entries) {
		switch (entry.kind) {
			case 'object': {
				const {ref, keys, values} = entry;
				const now = Reflect.ownKeys(ref);
				if (now.length !== keys.length || now.some((key, i) => key !== keys[i])) {
					const keep = new Set(keys);
					for (const key of now) {
						const descriptor = Object.getOwnPropertyDescriptor(ref, key);
						if (!keep.has(key) && descriptor?.configurable && 'value' in descriptor && descriptor.writable) delete ref[key];
					}
				}
				for (let i = 0; i < keys.length; i++) ref[keys[i]!] = values[i];
				break;
			}
			case 'array': {
				const {ref, values} = entry;
				ref.length = values.length;
				for (let i = 0; i < values.length; i++) ref[i] = values[i];
				break;
			}
			case 'map':
				entry.ref.clear();
				for (const [key, value] of entry.entries) entry.ref.set(key, value);
				break;
			case 'set':
				entry.ref.clear();
				for (const value of entry.values) entry.ref.add(value);
				break;
			case 'typed':
				entry.ref.set(entry.copy as unknown as ArrayLike<number>);
				break;
			case 'sparse': {
				const target = entry.ref as unknown as {fill(value: number): void; [i: number]: number};
				target.fill(entry.base);
				const values = entry.values as unknown as ArrayLike<number>;
				for (let i = 0; i < entry.at.length; i++) target[entry.at[i]!] = values[i]!;
				break;
			}
			case 'buffer':
				new Uint8Array(entry.ref).set(new Uint8Array(entry.copy));
				break;
		}
	}
}

/**
 * A typed array's contents. Large tables indexed by id or handle are mostly one value (free rows,
 * missing ids): those keep only the other entries, so a checkpoint costs about the live state.
 */
function copyTyped(typed: TypedArray): TypedEntry | SparseEntry {
	const array = typed as unknown as ArrayLike<number> & {length: number; constructor: new (length: number) => TypedArray};
	const length = array.length;
	if (length < 4096 || typeof array[0] !== 'number') return {kind: 'typed', ref: typed, copy: typed.slice()};
	const base = array[length - 1]!;
	let others = 0;
	const limit = length >>> 3;
	for (let i = 0; i < length && others <= limit; i++) if (!Object.is(array[i], base)) others++;
	if (others > limit) return {kind: 'typed', ref: typed, copy: typed.slice()};
	const at = new Uint32Array(others);
	const values = new array.constructor(others);
	const out = values as unknown as {[i: number]: number};
	for (let i = 0, j = 0; i < length; i++) {
		if (Object.is(array[i], base)) continue;
		at[j] = i;
		out[j++] = array[i]!;
	}
	return {kind: 'sparse', ref: typed, base, at, values};
}
