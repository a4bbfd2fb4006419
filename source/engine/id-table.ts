/**
 * The workload's block ids mapped to block handles. Trace ids are usually small dense integers
 * (malloc-lab, memtrace), so they go in a typed array; anything else (huge or fractional) goes in a Map.
 * Stored values: a handle (>= 0), or `failedId` for an id whose allocation failed.
 */
export const missingId = -1;
export const failedId = -2;
/** From `denseHandle`: the id is not a small integer. */
export const unknownId = -3;
const denseLimit = 1 << 24;

export class IdTable {
	private dense = new Int32Array(1024).fill(missingId);
	private readonly sparse = new Map<number, number>();

	get(id: number): number {
		if (id >= 0 && id < denseLimit && Number.isInteger(id)) return id < this.dense.length ? this.dense[id]! : missingId;
		return this.sparse.get(id) ?? missingId;
	}

	/** The handle of a small integer id, or `unknownId` for an id kept in the Map (the caller takes the general path). */
	denseHandle(id: number): number {
		return id >= 0 && id < this.dense.length && (id | 0) === id ? this.dense[id]! : unknownId;
	}

	/**
	 * Store or clear (`missingId`) the handle of an id `denseHandle` answered for: the slot exists, so the
	 * replay loop skips `set`'s and `delete`'s range checks.
	 */
	setDense(id: number, handle: number): void {
		this.dense[id] = handle;
	}

	set(id: number, handle: number): void {
		if (id >= 0 && id < denseLimit && Number.isInteger(id)) {
			if (id >= this.dense.length) {
				let length = this.dense.length * 2;
				while (length <= id) length *= 2;
				const grown = new Int32Array(length).fill(missingId);
				grown.set(this.dense);
				this.dense = grown;
			}
			this.dense[id] = handle;
			return;
		}
		this.sparse.set(id, handle);
	}

	delete(id: number): void {
		if (id >= 0 && id < denseLimit && Number.isInteger(id)) {
			if (id < this.dense.length) this.dense[id] = missingId;
			return;
		}
		this.sparse.delete(id);
	}
}
