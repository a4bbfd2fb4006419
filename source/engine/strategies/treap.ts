import {type BlockTable, growFloat, growInt, none} from '../blocks.js';

/**
 * A treap (Seidel and Aragon 1996) over free-block handles, kept in typed arrays indexed by the handle
 * so that a million free blocks cost a few flat arrays and no object each. Subclasses choose the key.
 *
 * Priorities are a hash of the handle, not Math.random: replays stay deterministic, and since the key
 * (an address or a size) has nothing to do with the handle's number, hashed handles balance the tree
 * as well as random ones do (expected depth O(log n)). In an augmented tree every node also keeps the
 * largest block size of its subtree, which lets an address-ordered search skip a whole subtree where
 * nothing fits; a size-ordered tree has no use for it and skips that upkeep (it costs cache misses).
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
	// split() hands back two roots; fields avoid allocating a pair per call.
	private splitLow = none;
	private splitHigh = none;

	constructor(
		protected readonly blocks: BlockTable,
		private readonly augmented: boolean,
	) {
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
		this.left[h] = none;
		this.right[h] = none;
		this.priority[h] = hashHandle(h);
		this.maxSize[h] = this.blocks.size[h]!;
		this.root = this.insertInto(this.root, h);
		this.count++;
	}

	remove(h: number): void {
		this.root = this.removeFrom(this.root, h);
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

	private insertInto(t: number, h: number): number {
		if (t === none) return h;
		if (this.priority[h]! > this.priority[t]!) {
			this.split(t, h);
			this.left[h] = this.splitLow;
			this.right[h] = this.splitHigh;
			this.pull(h);
			return h;
		}
		if (this.precedes(h, t)) this.left[t] = this.insertInto(this.left[t]!, h);
		else this.right[t] = this.insertInto(this.right[t]!, h);
		// The subtree only gained h, so its maximum can only rise to h's size.
		if (this.augmented && this.maxSize[h]! > this.maxSize[t]!) this.maxSize[t] = this.maxSize[h]!;
		return t;
	}

	private removeFrom(t: number, h: number): number {
		if (t === none) throw new Error(`free block ${h} is not in the tree (was its address or size changed?)`);
		if (t === h) return this.merge(this.left[h]!, this.right[h]!);
		if (this.precedes(h, t)) this.left[t] = this.removeFrom(this.left[t]!, h);
		else this.right[t] = this.removeFrom(this.right[t]!, h);
		this.pull(t);
		return t;
	}

	/** Cut subtree t into the nodes before `key` (splitLow) and the rest (splitHigh). */
	private split(t: number, key: number): void {
		if (t === none) {
			this.splitLow = none;
			this.splitHigh = none;
			return;
		}
		if (this.precedes(t, key)) {
			this.split(this.right[t]!, key);
			this.right[t] = this.splitLow;
			this.pull(t);
			this.splitLow = t;
		} else {
			this.split(this.left[t]!, key);
			this.left[t] = this.splitHigh;
			this.pull(t);
			this.splitHigh = t;
		}
	}

	/** Join two subtrees where every key of `a` precedes every key of `b`. */
	private merge(a: number, b: number): number {
		if (a === none) return b;
		if (b === none) return a;
		if (this.priority[a]! > this.priority[b]!) {
			this.right[a] = this.merge(this.right[a]!, b);
			this.pull(a);
			return a;
		}
		this.left[b] = this.merge(a, this.left[b]!);
		this.pull(b);
		return b;
	}

	private pull(t: number): void {
		if (!this.augmented) return;
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
