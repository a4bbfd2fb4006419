import {growInt} from '../blocks.js';

/**
 * Lazy reclamation's queue: blocks the program has freed whose memory has not come back yet. Batches
 * amortise the allocator's work (and model allocators that defer frees, such as a per-thread free
 * list flushed when full). The simulation empties it when an allocation would fail, when it holds
 * `lazyBytes` bytes, at every `task ... end`, and before a collection.
 */
export class LazyQueue {
	/** Block bytes held by queued blocks. */
	bytes = 0;
	length = 0;
	private handles = new Int32Array(256);

	push(h: number, bytes: number): void {
		if (this.length === this.handles.length) this.handles = growInt(this.handles, this.length * 2);
		this.handles[this.length++] = h;
		this.bytes += bytes;
	}

	/** Hand every queued block to `release`, oldest first, and empty the queue. */
	drain(release: (h: number) => void): number {
		const count = this.length;
		// Reset first: a release may queue nothing, but must never see a half-drained queue.
		this.length = 0;
		this.bytes = 0;
		for (let i = 0; i < count; i++) release(this.handles[i]!);
		return count;
	}
}
