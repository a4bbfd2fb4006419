import {type BlockTable, growFloat, growInt, none} from '../blocks.js';

/**
 * A treap (Seidel and Aragon 1996) over free-block handles, kept in typed arrays indexed by the handle
 * so that a million free blocks cost a few flat arrays and no object each. Subclasses choose the key.
 *
 * Priorities are a hash of the handle, not Math.random: replays stay deterministic, and since the key
 * (an address or a size) has nothing to do with the handle's number, hashed handles balance the tree
 * as well as random ones do (expected depth O(log n)). Every node also keeps the largest block size of
 * its subtree, which lets an address-ordered search skip a whole subtree where nothing fits.
 *
 * Contract (the heap's, see strategy.ts): a block's address and size do not change while it is in the
 * tree, so a removal can find it again by its key.
 */
export abstract class FreeBlockTreap {
	count = 0;
	protected root = none;
	protected left: Int32Array;
	protected right: Int32Array;
	protected priority: Int32Array;
	/** The largest blocks.size in the subtree rooted at each node. */
	protected maxSize: Float64Array;
	/** Nodes visited on the way down, so their maxima can be fixed on the way back up without recursion. */
	private path = new Int32Array(64);

	constructor(protected readonly blocks: BlockTable) {
		this.left = new Int32Array(blocks.capacity);
		this.right = new Int32Array(blocks.capacity);
		this.priority = new Int32Array(blocks.capacity);
		this.maxSize = new Float64Array(blocks.capacity);
		blocks.onGrow(capacity => {
			this.left = growInt(this.left, capacity);
			this.right = growInt(this.right, capacity);
			this.priority = growInt(this.priority, capacity);
			this.maxSize = growFloat(this.maxSize, capacity);
		});
	}

	/** True when block `a` sorts before block `b`; keys are unique among the blocks in the tree. */
	protected abstract precedes(a: number, b: number): boolean;

	insert(h: number): void {
		const size = this.blocks.size[h]!;
		const priority = hashHandle(h);
		this.priority[h] = priority;
		this.left[h] = none;
		this.right[h] = none;
		this.maxSize[h] = size;
		// Walk down to where h's priority puts it; every node passed gains h in its subtree.
		let parent = none;
		let toLeft = false;
		let t = this.root;
		while (t !== none && this.priority[t]! >= priority) {
			if (this.maxSize[t]! < size) this.maxSize[t] = size;
			parent = t;
			toLeft = this.precedes(h, t);
			t = toLeft ? this.left[t]! : this.right[t]!;
		}
		this.splitUnder(t, h);
		this.link(parent, toLeft, h);
		this.count++;
	}

	remove(h: number): void {
		let parent = none;
		let toLeft = false;
		let t = this.root;
		let depth = 0;
		while (t !== h) {
			if (t === none) throw new Error(`free block ${h} is not in the tree (was its address or size changed?)`);
			this.push(depth++, t);
			parent = t;
			toLeft = this.precedes(h, t);
			t = toLeft ? this.left[t]! : this.right[t]!;
		}
		this.mergeInto(this.left[h]!, this.right[h]!, parent, toLeft, depth);
		// h's ancestors lost it: recompute their maxima bottom-up.
		while (depth > 0) this.pull(this.path[--depth]!);
		this.count--;
	}

	clear(): void {
		this.root = none;
		this.count = 0;
	}

	/** Every handle in key order. */
	handles(): number[] {
		const result: number[] = [];
		const stack: number[] = [];
		let t = this.root;
		while (t !== none || stack.length > 0) {
			while (t !== none) {
				stack.push(t);
				t = this.left[t]!;
			}
			t = stack.pop()!;
			result.push(t);
			t = this.right[t]!;
		}
		return result;
	}

	/**
	 * Cut subtree t around h's key: the nodes before h become h's left subtree, the rest its right. Done
	 * top-down (no recursion, these run on every allocation), then the maxima of the cut paths are
	 * recomputed bottom-up from the recorded path.
	 */
	private splitUnder(t: number, h: number): void {
		let low = h;
		let lowToLeft = true;
		let high = h;
		let highToLeft = false;
		let depth = 0;
		while (t !== none) {
			this.push(depth++, t);
			if (this.precedes(t, h)) {
				this.link(low, lowToLeft, t);
				low = t;
				lowToLeft = false;
				t = this.right[t]!;
			} else {
				this.link(high, highToLeft, t);
				high = t;
				highToLeft = true;
				t = this.left[t]!;
			}
		}
		this.link(low, lowToLeft, none);
		this.link(high, highToLeft, none);
		while (depth > 0) this.pull(this.path[--depth]!);
		this.pull(h);
	}

	/**
	 * Join subtrees a and b (every key of a precedes every key of b) and hang the result under `parent`
	 * (none: as the root). Top-down like splitUnder; the path is recorded from `base` on, above the
	 * caller's own path.
	 */
	private mergeInto(a: number, b: number, parent: number, toLeft: boolean, base: number): void {
		let depth = base;
		while (a !== none && b !== none) {
			if (this.priority[a]! > this.priority[b]!) {
				this.link(parent, toLeft, a);
				this.push(depth++, a);
				parent = a;
				toLeft = false;
				a = this.right[a]!;
			} else {
				this.link(parent, toLeft, b);
				this.push(depth++, b);
				parent = b;
				toLeft = true;
				b = this.left[b]!;
			}
		}
		this.link(parent, toLeft, a !== none ? a : b);
		while (depth > base) this.pull(this.path[--depth]!);
	}

	private link(parent: number, toLeft: boolean, child: number): void {
		if (parent === none) this.root = child;
		else if (toLeft) this.left[parent] = child;
		else this.right[parent] = child;
	}

	private push(depth: number, t: number): void {
		if (depth === this.path.length) this.path = growInt(this.path, depth * 2);
		this.path[depth] = t;
	}

	private pull(t: number): void {
		let max = this.blocks.size[t]!;
		const l = this.left[t]!;
		const r = this.right[t]!;
		if (l !== none && this.maxSize[l]! > max) max = this.maxSize[l]!;
		if (r !== none && this.maxSize[r]! > max) max = this.maxSize[r]!;
		this.maxSize[t] = max;
	}
}

/** murmur3's 32-bit finaliser: consecutive handles get unrelated priorities. */
function hashHandle(h: number): number {
	let z = h ^ 0x9e3779b9;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return z ^ (z >>> 16);
}
