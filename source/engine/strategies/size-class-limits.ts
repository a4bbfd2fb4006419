/**
 * For each size class, a bound on its largest free block, so that a request larger than anything in
 * its class skips the class instead of walking its list.
 *
 * No block of class c is larger than top[c]: the largest size added since the class was last empty or
 * measured. Removing a block leaves the bound where it is (it may then be above every block left); the
 * list walk that finds no fit measures the class again (SizeClassLists.measure), so a stale bound costs
 * at most one walk. Keeping the bound exact on every removal (a count of blocks at the top and the
 * size below it) cost more than those walks saved: segregated replays of the malloc-lab traces were
 * 2 to 11% faster with the plain bound (random2-bal 168 -> 149 ns, realloc-bal 75 -> 72, fastest run
 * of two processes each; cccp-bal and cp-decl-bal within 3% either way).
 */
export class SizeClassLimits {
	private readonly top: Float64Array;

	constructor(classes: number) {
		this.top = new Float64Array(classes);
	}

	/** False when no block of class c can hold `size` bytes. */
	mayHold(c: number, size: number): boolean {
		return this.top[c]! >= size;
	}

	/** A block of `size` bytes joined class c. */
	added(c: number, size: number): void {
		if (size > this.top[c]!) this.top[c] = size;
	}

	/** A block left class c; when it was the last, the class holds nothing. */
	removed(c: number, classIsEmpty: boolean): void {
		if (classIsEmpty) this.top[c] = 0;
	}

	/** Class c is about to be measured: re-adding each of its blocks makes its bound exact again. */
	forget(c: number): void {
		this.top[c] = 0;
	}

	clear(): void {
		this.top.fill(0);
	}
}
