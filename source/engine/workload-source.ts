import type {EventBatch} from './events.js';
import type {Interner} from './interner.js';

/**
 * Anything that produces events: a trace parser over a stream, or a seeded generator.
 * `read` appends up to `batch.capacity - batch.length` events and returns how many it appended;
 * 0 means the workload has ended. Sources are pulled, never pushed, so the simulation sets the pace.
 */
export interface WorkloadSource {
	/** Human-readable name shown in the header and summaries (generator name or file base name). */
	readonly name: string;
	/**
	 * True when the workload speaks of references and roots (`ref`/`root` events). When false, the
	 * engine treats every block as its own root from its allocation until its free: a plain malloc program.
	 */
	readonly hasGraph: boolean;
	/** Site and owner names used in the batches' site/owner columns. */
	readonly sites: Interner;
	readonly owners: Interner;
	/**
	 * About how many events the workload holds, when the source knows (a trace loaded into memory, a
	 * generator given a length): the engine sizes its tables to it rather than to a million-block run.
	 */
	readonly eventsHint?: number;
	/**
	 * Every event at once, already in memory (a trace loaded for the bench or `compare`): the engine steps
	 * through this batch in place instead of copying it into its own, as the glibc driver reads its arrays.
	 * The engine never writes to it, so several replays may share it. Called once, before any read.
	 */
	lendAll?(): EventBatch;
	read(batch: EventBatch): Promise<number>;
	close(): Promise<void>;
}

/** A generator that can also produce events synchronously (all synthetic workloads). */
export interface SyncWorkloadSource extends WorkloadSource {
	readSync(batch: EventBatch): number;
}
