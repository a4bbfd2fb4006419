/**
 * Blocks waiting to be freed, ordered by the step at which they die: a binary min-heap over two
 * parallel arrays (no object per block), so a generator with thousands of live blocks pops the
 * next death in O(log n). Equal times pop in no promised order; the generators only need the
 * order to be deterministic, which it is.
 */
export class DeathQueue {
	private readonly times: number[] = [];
	private readonly ids: number[] = [];

	get size(): number {
		return this.times.length;
	}

	add(time: number, id: number): void {
		const {times, ids} = this;
		let i = times.length;
		times.push(time);
		ids.push(id);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (times[parent]! <= time) break;
			times[i] = times[parent]!;
			ids[i] = ids[parent]!;
			i = parent;
		}
		times[i] = time;
		ids[i] = id;
	}

	/** Time of the earliest death, or +Infinity when empty. */
	peekTime(): number {
		return this.times.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
	}

	/** Removes and returns the id of the earliest death (the queue must not be empty). */
	pop(): number {
		const {times, ids} = this;
		const top = ids[0]!;
		const lastTime = times.pop()!;
		const lastId = ids.pop()!;
		const n = times.length;
		if (n === 0) return top;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= n) break;
			const right = left + 1;
			const child = right < n && times[right]! < times[left]! ? right : left;
			if (times[child]! >= lastTime) break;
			times[i] = times[child]!;
			ids[i] = ids[child]!;
			i = child;
		}
		times[i] = lastTime;
		ids[i] = lastId;
		return top;
	}
}
