/** A fixed-capacity history of numbers: pushing past capacity drops the oldest. */
export class RingBuffer {
	private readonly values: Float64Array;
	private start = 0;
	length = 0;

	constructor(readonly capacity: number) {
		this.values = new Float64Array(capacity);
	}

	push(value: number): void {
		if (this.length < this.capacity) {
			this.values[(this.start + this.length) % this.capacity] = value;
			this.length++;
			return;
		}
		this.values[this.start] = value;
		this.start = (this.start + 1) % this.capacity;
	}

	/** The newest `count` values (all by default), oldest first. */
	toArray(count = this.length): number[] {
		const n = Math.min(count, this.length);
		const out = new Array<number>(n);
		const first = this.length - n;
		for (let i = 0; i < n; i++) out[i] = this.values[(this.start + first + i) % this.capacity]!;
		return out;
	}

	clear(): void {
		this.start = 0;
		this.length = 0;
	}
}
