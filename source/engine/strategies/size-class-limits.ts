/**
 * For each size class, a bound on its largest free block, so that a request larger than anything in
 * its class skips the class instead of walking its list.
 *
 * No block of class c is larger than top[c]. While topCount[c] >= 0 the bound is exact: that many
 * blocks have size top[c] and every other one is at most below[c], so removing the last block of size
 * top[c] lowers top to below[c] without a scan (top is then only a bound: topCount -1). That case is
 * common: a growable heap inserts and at once removes the block it extends by, which would otherwise
 * leave top stuck at that block's size and send every later request on a walk of the class.
 */
export class SizeClassLimits {
	private readonly top: Float64Array;
	private readonly topCount: Int32Array;
	private readonly below: Float64Array;

	constructor(classes: number) {
		this.top = new Float64Array(classes);
		this.topCount = new Int32Array(classes);
		this.below = new Float64Array(classes);
	}

	/** False when no block of class c can hold `size` bytes. */
	mayHold(c: number, size: number): boolean {
		return this.top[c]! >= size;
	}

	/** A block of `size` bytes joined class c. */
	added(c: number, size: number): void {
		if (size > this.top[c]!) {
			// Everything already in the class is at most the old top.
			this.below[c] = this.top[c]!;
			this.top[c] = size;
			this.topCount[c] = 1;
		} else if (this.topCount[c]! >= 0) {
			if (size === this.top[c]) this.topCount[c] = this.topCount[c]! + 1;
			else if (size > this.below[c]!) this.below[c] = size;
		}
	}

	/** A block of `size` bytes left class c. */
	removed(c: number, size: number, classIsEmpty: boolean): void {
		if (classIsEmpty) {
			this.forget(c);
			return;
		}
		if (this.topCount[c]! < 0 || size !== this.top[c]) return;
		this.topCount[c] = this.topCount[c]! - 1;
		if (this.topCount[c] === 0) {
			this.top[c] = this.below[c]!;
			this.topCount[c] = -1;
		}
	}

	/** Class c is empty (exactly); re-adding each of its blocks makes its limits exact again. */
	forget(c: number): void {
		this.top[c] = 0;
		this.topCount[c] = 0;
		this.below[c] = 0;
	}

	clear(): void {
		this.top.fill(0);
		this.topCount.fill(0);
		this.below.fill(0);
	}
}
