import {type BlockTable, growFloat, growInt, none} from '../blocks.js';
import {FewFreeBlocks, fewUpTo, fewBelow} from './few-free-blocks.js';

/**
 * A treap (Seidel and Aragon 1996) over free-block handles, kept in typed arrays indexed by the handle
 * so that a million free blocks cost a few flat arrays and no object each. Subclasses choose the key.
 *
 * Priorities are a hash of the handle, not Math.random: replays stay deterministic, and since the key
 * (an address or a size) has nothing to do with the handle's number, hashed handles balance the tree
 * as well as random ones do (expected depth O(log n)). In an augmented tree every node also keeps a
 * bound on the largest block size of its subtree, which lets an address-ordered search skip a whole
 * subtree where nothing fits; a size-ordered tree has no use for it and skips that upkeep (it costs cache
 * misses).
 *
 * The bound is an upper bound, not always the maximum: a block that grows or joins raises the bounds
 * above it at once, but one that shrinks or leaves lowers none of them. The search that meets a bound
 * too high finds no fit below it and lowers it then (see AddressTree). A block shrinks on most
 * allocations (the rest of the block it was cut from), often the largest of a deep subtree, and keeping
 * every bound exact was most of an address-ordered strategy's tree work: next fit on a 650,000-event
 * CPython trace recomputed 4.5 bounds an event (3.2 after a block changed in place, 0.6 after a removal),
 * and recomputes 0.8 now (0.2 of them lowered by searches).
 *
 * Every node knows its parent, and insert and remove are loops, not recursions: a removal needs no
 * search by key at all (the node is joined out where it stands, an expected O(1) merge), and an
 * insertion compares keys only on its way down. The heap inserts and removes on every split and merge,
 * so these two paths are most of what a tree strategy costs.
 *
 * Contract (the heap's, see strategy.ts): a block's address and size do not change while it is in the
 * tree, so the key order the tree was built with still holds.
 *
 * Up to `fewUpTo` blocks the tree stays empty and its blocks wait in a short list scanned whole
 * (FewFreeBlocks: most of a small program's run has a few dozen free blocks or fewer, where a scan
 * costs less than a tree's upkeep); past it they move into the tree, and back below `fewBelow`. The
 * check sits at the top of each method rather than in a wrapper around the tree: a wrapper was one
 * more call on every path, and next fit on python3-malloc ran 4 to 11% slower for it.
 */
export abstract class FreeBlockTreap {
	count = 0;
	protected root = none;
	protected left: Int32Array;
	protected right: Int32Array;
	protected parent: Int32Array;
	protected priority: Int32Array;
	/** At least the largest blocks.size in the subtree rooted at each node (exactly it, unless lowered since). */
	protected maxSize: Float64Array;
	/** 1 while the handle is in the tree: removing a stranger would corrupt the links, so it is refused. */
	private member: Uint8Array;
	/**
	 * One walk's stack of nodes, bottom-most last: during a split or merge, the nodes whose subtree changed
	 * (their bounds are refreshed in reverse); during an address search, the nodes it will come back to.
	 */
	protected spine = new Int32Array(64);
	/** The blocks while there are few of them (then the tree is empty). */
	protected readonly few: FewFreeBlocks;
	private scanningNow: boolean;
	/** fewUpTo and fewBelow, or 0 and 0 for a tree that never uses its short list (a reference in tests). */
	private readonly upTo: number;
	private readonly below: number;

	constructor(
		protected readonly blocks: BlockTable,
		private readonly augmented: boolean,
		shortList = true,
	) {
		this.upTo = shortList ? fewUpTo : 0;
		this.below = shortList ? fewBelow : 0;
		this.scanningNow = shortList;
		this.left = new Int32Array(blocks.capacity);
		this.right = new Int32Array(blocks.capacity);
		this.parent = new Int32Array(blocks.capacity);
		this.priority = new Int32Array(blocks.capacity);
		this.maxSize = new Float64Array(blocks.capacity);
		this.member = new Uint8Array(blocks.capacity);
		this.few = new FewFreeBlocks(blocks, fewUpTo);
		blocks.onGrow(capacity => {
			const member = new Uint8Array(capacity);
			member.set(this.member);
			this.member = member;
			this.left = growInt(this.left, capacity);
			this.right = growInt(this.right, capacity);
			this.parent = growInt(this.parent, capacity);
			this.priority = growInt(this.priority, capacity);
			this.maxSize = growFloat(this.maxSize, capacity);
		});
	}

	/** True when block `a` sorts before block `b`; keys are unique among the blocks in the tree. */
	protected abstract precedes(a: number, b: number): boolean;

	/** All blocks are in the short list, none in the tree. */
	get scanning(): boolean {
		return this.scanningNow;
	}

	insert(h: number): void {
		if (this.scanningNow) {
			if (this.count < this.upTo) {
				this.few.insert(h);
				this.count++;
				return;
			}
			this.stopScanning();
		}
		const left = this.left;
		const right = this.right;
		const priority = this.priority;
		const maxSize = this.maxSize;
		const size = this.blocks.size[h]!;
		const rank = hashHandle(h);
		priority[h] = rank;
		maxSize[h] = size;
		this.member[h] = 1;
		// Down from the root while the nodes outrank h; the subtree under each only gains h.
		let above = none;
		let t = this.root;
		let onLeft = false;
		while (t !== none && priority[t]! >= rank) {
			if (this.augmented && size > maxSize[t]!) maxSize[t] = size;
			above = t;
			onLeft = this.precedes(h, t);
			t = onLeft ? left[t]! : right[t]!;
		}
		this.split(t, h);
		this.parent[h] = above;
		if (above === none) this.root = h;
		else if (onLeft) left[above] = h;
		else right[above] = h;
		this.count++;
	}

	remove(h: number): void {
		if (this.scanningNow) {
			this.few.remove(h);
			this.count--;
			return;
		}
		if (this.member[h] !== 1) throw new Error(`free block ${h} is not in the tree`);
		this.member[h] = 0;
		const above = this.parent[h]!;
		const joined = this.merge(this.left[h]!, this.right[h]!);
		if (joined !== none) this.parent[joined] = above;
		this.rehang(above, h, joined);
		this.unlinkNode(h);
		this.count--;
		// The ancestors lost h: their bounds still hold, if higher than they need be.
		if (this.count < this.below) this.startScanning();
	}

	/** Block `h` is in the index. */
	holds(h: number): boolean {
		return this.scanningNow ? this.few.holds(h) : this.member[h] === 1;
	}

	/** The node before `h` in key order, or -1: found from the links alone, so `h`'s key may have changed. */
	protected predecessor(h: number): number {
		let t = this.left[h]!;
		if (t !== none) {
			while (this.right[t] !== none) t = this.right[t]!;
			return t;
		}
		let child = h;
		t = this.parent[h]!;
		while (t !== none && this.left[t] === child) {
			child = t;
			t = this.parent[t]!;
		}
		return t;
	}

	/** The node after `h` in key order, or -1 (links only, like `predecessor`). */
	protected successor(h: number): number {
		let t = this.right[h]!;
		if (t !== none) {
			while (this.left[t] !== none) t = this.left[t]!;
			return t;
		}
		let child = h;
		t = this.parent[h]!;
		while (t !== none && this.right[t] === child) {
			child = t;
			t = this.parent[t]!;
		}
		return t;
	}

	/** Subtree `by` (or none) takes the place `old` had under `above` (none: the root). */
	private rehang(above: number, old: number, by: number): void {
		if (above === none) this.root = by;
		else if (this.left[above] === old) this.left[above] = by;
		else this.right[above] = by;
	}

	private unlinkNode(h: number): void {
		this.left[h] = none;
		this.right[h] = none;
		this.parent[h] = none;
	}

	/**
	 * Block `h`, in the tree, changed its address or size (see PlacementStrategy.moved). In an address
	 * tree it keeps its place; when it outgrew the bounds above it, they rise to its size. One that shrank
	 * leaves them as they are (still upper bounds).
	 */
	moved(h: number): void {
		// In the short list a block that changed in place needs nothing: every scan reads its current key.
		if (this.scanningNow || !this.augmented) return;
		const maxSize = this.maxSize;
		const parent = this.parent;
		const size = this.blocks.size[h]!;
		for (let t = h; t !== none && maxSize[t]! < size; t = parent[t]!) maxSize[t] = size;
	}

	clear(): void {
		this.member.fill(0);
		this.root = none;
		this.count = 0;
		this.few.clear();
		this.scanningNow = this.upTo > 0;
	}

	/** Every handle in key order. */
	handles(): number[] {
		if (this.scanningNow) return this.few.sorted((a, b) => this.precedes(a, b));
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

	/** What breaks the tree's structure, or undefined: the invariant checker runs this after every event under --check. */
	structureProblem(): string | undefined {
		if (this.scanningNow) {
			if (this.root !== none) return 'the tree has nodes while its blocks are in the short list';
			if (this.few.count !== this.count) return `the short list holds ${this.few.count} blocks, ${this.count} counted`;
			return this.few.structureProblem();
		}
		return this.structureHolds() ? undefined : 'a tree node disagrees with its parent link or its subtree bound';
	}

	/** The short list's blocks go into the tree (which then counts them again as it inserts them). */
	private stopScanning(): void {
		const held = this.few.all();
		this.few.clear();
		this.scanningNow = false;
		this.count = 0;
		for (const h of held) this.insert(h);
	}

	/** The tree's blocks go to the short list; the nodes are dropped whole, each is rebuilt on its next insertion. */
	private startScanning(): void {
		for (const h of this.handles()) {
			this.member[h] = 0;
			this.few.insert(h);
		}
		this.root = none;
		this.scanningNow = true;
	}

	/** Every node's parent agrees with its children and, when augmented, its bound covers its block and its children's bounds. */
	structureHolds(): boolean {
		if (this.root !== none && this.parent[this.root] !== none) return false;
		const stack = this.root === none ? [] : [this.root];
		while (stack.length > 0) {
			const t = stack.pop()!;
			let max = this.blocks.size[t]!;
			for (const child of [this.left[t]!, this.right[t]!]) {
				if (child === none) continue;
				if (this.parent[child] !== t) return false;
				if (this.maxSize[child]! > max) max = this.maxSize[child]!;
				stack.push(child);
			}
			if (this.augmented && this.maxSize[t]! < max) return false;
		}
		return true;
	}

	/** Cut subtree `t` around key `h`: the nodes before it become h's left subtree, the rest its right. */
	private split(t: number, h: number): void {
		const left = this.left;
		const right = this.right;
		const parent = this.parent;
		// The next node of each side hangs under the last one taken for that side (h itself at first).
		let lowTail = h;
		let lowOnRight = false;
		let highTail = h;
		let highOnLeft = false;
		let depth = 0;
		while (t !== none) {
			if (this.augmented) this.remember(depth++, t);
			if (this.precedes(t, h)) {
				if (lowOnRight) right[lowTail] = t;
				else left[lowTail] = t;
				parent[t] = lowTail;
				lowTail = t;
				lowOnRight = true;
				t = right[t]!;
			} else {
				if (highOnLeft) left[highTail] = t;
				else right[highTail] = t;
				parent[t] = highTail;
				highTail = t;
				highOnLeft = true;
				t = left[t]!;
			}
		}
		if (lowOnRight) right[lowTail] = none;
		else left[lowTail] = none;
		if (highOnLeft) left[highTail] = none;
		else right[highTail] = none;
		if (this.augmented) {
			while (depth > 0) this.pull(this.spine[--depth]!);
			this.pull(h);
		}
	}

	/** Join two subtrees where every key of `a` precedes every key of `b`; returns the new root. */
	private merge(a: number, b: number): number {
		if (a === none) return b;
		if (b === none) return a;
		const left = this.left;
		const right = this.right;
		const parent = this.parent;
		const priority = this.priority;
		let root = none;
		// Where the next winner hangs: under `tail`, on its right when it came from `a`'s side.
		let tail = none;
		let tailOnRight = false;
		let depth = 0;
		while (a !== none && b !== none) {
			const fromA = priority[a]! > priority[b]!;
			const winner = fromA ? a : b;
			if (tail === none) root = winner;
			else if (tailOnRight) right[tail] = winner;
			else left[tail] = winner;
			parent[winner] = tail;
			if (this.augmented) this.remember(depth++, winner);
			tail = winner;
			tailOnRight = fromA;
			if (fromA) a = right[a]!;
			else b = left[b]!;
		}
		const rest = a !== none ? a : b;
		if (tailOnRight) right[tail] = rest;
		else left[tail] = rest;
		if (rest !== none) parent[rest] = tail;
		if (this.augmented) while (depth > 0) this.pull(this.spine[--depth]!);
		return root;
	}

	/** Put `t` on the walk's stack at `depth` (the caller counts). */
	protected remember(depth: number, t: number): void {
		if (depth === this.spine.length) this.spine = growInt(this.spine, depth * 2);
		this.spine[depth] = t;
	}

	/** Set t's bound from its own size and its children's bounds: the lowest bound they allow. */
	protected pull(t: number): void {
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
