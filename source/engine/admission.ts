/**
 * A budget the simulation consults before the heap: Flink's per-slot MemoryManagers and its network
 * buffer pool are one (`source/flink/sim/flink-memory.ts`). The engine knows nothing of what the
 * budget means; it asks, and counts a refusal as a failed request with the reason given. It hears of
 * the program's frees and task ends only: a realloc keeps the size admitted, and a block a collector
 * or a repair takes back is not returned (a Flink run has no collector).
 */
export interface Admission {
	/**
	 * An allocation of `bytes` for block `id`: `heap` to place it on the heap, `outside` when another
	 * pool took it (no heap block: the id is held so its free is quiet), or the reason to refuse it.
	 */
	admit(id: number, bytes: number, site: number, owner: number): AdmissionVerdict;
	/** Block `id` was given back (a free, or an admitted request the heap could not place). Unknown ids are ignored. */
	release(id: number): void;
	/** `task <owner> end`, after the leak detectors have looked at what the task still holds. */
	taskEnded?(owner: number): void;
}

export type AdmissionVerdict = 'heap' | 'outside' | {readonly refuse: string};
