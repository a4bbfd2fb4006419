import {BlockFlag, BlockTable, none} from './blocks.js';
import {BlockList} from './block-list.js';
import {startAsDoubles} from './double-fields.js';
import {HeapMap} from './heap-map.js';
import {SizeClassIndex} from './strategies/size-class-index.js';
import type {PlacementStrategy} from './strategies/strategy.js';
import {alignedPowerOfTwoPieces, buddyAddress, isMultipleOf, isPowerOfTwo, lowestSetBit, nextPowerOfTwo} from './buddy-arithmetic.js';
import {InputError} from './input-error.js';

export type Coalescing = 'immediate' | 'deferred' | 'none';

export interface HeapParams {
	/** Bytes, or 'grow' for a heap that extends its top like sbrk. */
	readonly capacity: number | 'grow';
	readonly align: number;
	/** Per-block header bytes (8 models a boundary-tag allocator). */
	readonly header: number;
	readonly minBlock: number;
	/** A remainder smaller than this stays inside the block as internal fragmentation. */
	readonly splitThreshold: number;
	readonly coalescing: Coalescing;
}

export const defaultHeapParams: HeapParams = {
	capacity: 64 * 1024 * 1024,
	align: 8,
	header: 0,
	minBlock: 8,
	splitThreshold: 8,
	coalescing: 'immediate',
};

/**
 * The simulated heap: an address space tiled by blocks (used and free, linked in address order), a
 * placement strategy indexing the free ones, and running totals so metrics never scan. Splitting and
 * coalescing live here, not in the strategies; buddy's halving and buddy-only merging too.
 */
export class Heap extends BlockList {
	readonly map: HeapMap;
	/** End of the address space in use (the heap's current size). */
	top = 0;
	highWater = 0;
	strategy: PlacementStrategy;
	/** The strategy keeps power-of-two blocks (buddy): cached, since every allocation and free asks. */
	private buddy = false;
	/**
	 * The strategy can update a free block that changed in place (`moved`) and names its largest block,
	 * so the in-place split and coalescing paths have no second size index to keep. Never under buddy,
	 * whose blocks split in halves and merge only with their buddies.
	 */
	private inPlace = false;
	private heapParams!: HeapParams;
	// Derived from the parameters once per change rather than once per allocation.
	private smallestBlock = 0;
	private smallestRemainder = 0;
	private header = 0;
	private alignInverse = 1;
	private immediate = true;
	private grows = false;

	usedBlocks = 0;
	usedBlockBytes = 0;
	payloadBytes = 0;
	freeBlocks = 0;
	freeBytes = 0;
	reservedBytes = 0;
	/** Every free block by size class, kept only for a strategy that cannot name its largest block (naive-first-fit). */
	private bySize: SizeClassIndex | undefined;
	/** True when the strategy cannot name its largest block and the heap's own size index must. */
	private trackSizes = false;

	constructor(params: HeapParams, strategy: PlacementStrategy, blocks: BlockTable, mapCells = 4096) {
		super(blocks);
		startAsDoubles(this, ['top', 'highWater', 'usedBlockBytes', 'payloadBytes', 'freeBytes', 'reservedBytes']);
		this.params = params;
		this.strategy = this.adopt(strategy);
		const span = params.capacity === 'grow' ? 64 * 1024 : params.capacity;
		this.map = new HeapMap(mapCells, span, map => this.mapBlocks(map));
		if (params.capacity !== 'grow') {
			this.top = params.capacity;
			this.highWater = params.capacity;
			this.addFreeRange(0, params.capacity, none);
		}
	}

	get growable(): boolean {
		return this.grows;
	}

	get isBuddy(): boolean {
		return this.buddy;
	}

	get params(): HeapParams {
		return this.heapParams;
	}

	set params(params: HeapParams) {
		this.heapParams = params;
		const {align, minBlock, splitThreshold} = params;
		// The smallest block is minBlock rounded up to the alignment: an unaligned size would put every
		// block after it at an unaligned address.
		this.smallestBlock = Math.max(align, Math.ceil(minBlock / align) * align);
		this.smallestRemainder = Math.max(1, splitThreshold, minBlock);
		// Allocators align to powers of two (posix_memalign insists), and the reciprocal is exact only then.
		if (!isPowerOfTwo(align)) throw new InputError(`alignment ${align} is not a power of two`);
		this.header = params.header;
		this.alignInverse = 1 / align;
		this.immediate = params.coalescing === 'immediate';
		this.grows = params.capacity === 'grow';
	}

	/** The block size a request of `request` payload bytes occupies. */
	blockSizeFor(request: number): number {
		// Times the alignment's reciprocal, exact for a power of two: a division here cost more than the
		// rest of the rounding on every allocation and resize.
		let size = Math.ceil((request + this.header) * this.alignInverse) * this.heapParams.align;
		if (size < this.smallestBlock) size = this.smallestBlock;
		return this.buddy ? nextPowerOfTwo(size) : size;
	}

	largestFree(): number {
		const h = this.largestFreeHandle();
		return h === none ? 0 : this.blocks.size[h]!;
	}

	/** The largest free block's handle (-1 when nothing is free): the Heap pane marks it. */
	largestFreeHandle(): number {
		return this.trackSizes ? this.bySize!.largest() : this.strategy.largest!();
	}

	/** Place a block for `request` payload bytes; returns its handle or -1 when nothing fits. */
	allocate(request: number, site: number, owner: number): number {
		const size = this.blockSizeFor(request);
		let h = this.strategy.findFit(size);
		if (h === none && this.heapParams.coalescing === 'deferred') {
			this.coalesceAll();
			h = this.strategy.findFit(size);
		}
		if (h !== none) {
			this.strategy.placed?.(h);
			if (this.inPlace && this.blocks.size[h]! - size >= this.smallestRemainder) {
				h = this.splitFront(h, size);
			} else {
				this.takeFree(h);
				this.carve(h, size);
			}
		} else if (this.grows) {
			// Space from the top goes straight to use: indexing it only to take it out again costs a tree
			// insertion and removal for every allocation of a growing heap.
			h = this.extend(size);
			this.strategy.placed?.(h);
		} else {
			return none;
		}
		this.markUsed(h, request, site, owner);
		return h;
	}

	/** Return a used block to the free space (coalescing as the heap's mode says). */
	free(h: number): void {
		const b = this.blocks;
		this.unmarkUsed(h);
		if (this.buddy) {
			this.freeBuddyRange(h);
			return;
		}
		b.flags[h] = (b.flags[h]! & BlockFlag.row) | BlockFlag.free;
		if (this.immediate && this.inPlace && this.coalesceInPlace(h)) return;
		let merged = h;
		if (this.immediate) merged = this.mergeNeighbours(h);
		this.putFree(merged);
	}

	/**
	 * Resize a used block: shrink in place, grow in place into a free successor (or the top of a growable
	 * heap), else move. Returns the handle now holding the data (the same handle: a move swaps the
	 * block's place, not its identity) or -1 when no space was found (the block is left as it was).
	 */
	realloc(h: number, request: number): number {
		const b = this.blocks;
		const size = this.blockSizeFor(request);
		const current = b.size[h]!;
		// A block the program resizes is in use, not leaked; clearing the mark before any resize also keeps
		// the map's leaked cells covering exactly the block's old range.
		this.setLeaked(h, false);
		if (size <= current) {
			this.setRequest(h, request);
			if (!this.buddy) this.trimTail(h, size);
			return h;
		}
		if (this.buddy ? this.growBuddyInPlace(h, size) : this.growInPlace(h, size)) {
			this.setRequest(h, request);
			return h;
		}
		const site = b.site[h]!;
		const owner = b.owner[h]!;
		const target = this.allocate(request, site, owner);
		if (target === none) return none;
		this.swapPlaces(h, target);
		// `target` now holds the old place with h's former payload accounting; free it.
		const oldRequest = b.request[h]!;
		b.request[h] = b.request[target]!;
		b.request[target] = oldRequest;
		this.setRequest(h, request);
		this.free(target);
		return h;
	}

	/** Merge every run of adjacent free blocks (deferred coalescing does this when a fit fails). */
	coalesceAll(): void {
		if (this.buddy) {
			for (let h = this.first; h !== none; h = this.blocks.next[h]!) {
				if (!this.blocks.isFree(h)) continue;
				this.takeFree(h);
				h = this.mergeBuddies(h);
				this.putFree(h);
			}
			return;
		}
		for (let h = this.first; h !== none; h = this.blocks.next[h]!) {
			if (!this.blocks.isFree(h)) continue;
			const n = this.blocks.next[h]!;
			if (n === none || !this.blocks.isFree(n)) continue;
			this.takeFree(h);
			this.putFree(this.mergeNeighbours(h, true));
		}
	}

	/** Switch the placement strategy: rebuild the index from the current free blocks; nothing used moves. */
	setStrategy(strategy: PlacementStrategy): void {
		this.strategy.clear();
		this.strategy = this.adopt(strategy);
		strategy.clear();
		this.bySize?.clear();
		this.freeBlocks = 0;
		this.freeBytes = 0;
		// Re-derive the free blocks: whole free runs, then cut the way the new strategy wants them.
		const runs: Array<[number, number, number]> = [];
		for (let h = this.first; h !== none; ) {
			const next = this.blocks.next[h]!;
			if (this.blocks.isFree(h)) {
				let end = this.blocks.addr[h]! + this.blocks.size[h]!;
				let after = next;
				while (after !== none && this.blocks.isFree(after)) {
					end = this.blocks.addr[after]! + this.blocks.size[after]!;
					after = this.blocks.next[after]!;
				}
				runs.push([h, this.blocks.addr[h]!, end]);
				h = after;
			} else {
				h = next;
			}
		}
		for (const [start, addr, end] of runs) {
			const before = this.blocks.prev[start]!;
			let h = start;
			while (h !== none && this.blocks.isFree(h)) {
				const next = this.blocks.next[h]!;
				this.discard(h);
				h = next;
			}
			this.addFreeRange(addr, end - addr, before);
		}
	}

	/**
	 * Rebuild the address layout after a collector has moved used blocks (it wrote new addresses into
	 * blocks.addr): drop every free block, order the used ones by address and tile the gaps with free
	 * blocks. O(n log n); collectors call it once per cycle.
	 */
	relayout(): void {
		const b = this.blocks;
		const kept: number[] = [];
		for (let h = this.first; h !== none; ) {
			const next = b.next[h]!;
			if (b.isFree(h)) b.destroy(h);
			else kept.push(h);
			h = next;
		}
		kept.sort((x, y) => b.addr[x]! - b.addr[y]!);
		this.strategy.clear();
		this.bySize?.clear();
		this.freeBlocks = 0;
		this.freeBytes = 0;
		this.first = none;
		this.last = none;
		this.map.reset();
		let cursor = 0;
		for (const h of kept) {
			const addr = b.addr[h]!;
			if (addr < cursor) throw new Error(`relayout: block at ${addr} overlaps the previous one (ends ${cursor})`);
			if (addr > cursor) this.addFreeRange(cursor, addr - cursor, this.last);
			this.linkAfter(h, this.last);
			cursor = addr + b.size[h]!;
		}
		if (cursor < this.top) this.addFreeRange(cursor, this.top - cursor, this.last);
		else this.top = cursor;
		this.highWater = Math.max(this.highWater, this.top);
		this.mapBlocks(this.map);
	}

	/**
	 * Carve exactly [addr, addr + size) out of the free block that contains it, as a used block with no
	 * payload yet (collectors use this for a semispace's reserve and for bump allocation in a nursery).
	 */
	carveAt(addr: number, size: number): number {
		const b = this.blocks;
		let h = this.first;
		while (h !== none && b.addr[h]! + b.size[h]! <= addr) h = b.next[h]!;
		if (h === none || !b.isFree(h) || b.addr[h]! + b.size[h]! < addr + size) return none;
		this.takeFree(h);
		const lead = addr - b.addr[h]!;
		if (lead > 0) {
			const prefix = b.create(b.addr[h]!, lead, BlockFlag.free);
			this.linkBefore(prefix, h);
			b.addr[h] = addr;
			b.size[h] = b.size[h]! - lead;
			this.putFree(prefix);
		}
		// A remainder below the split threshold stays in the block, so count what was carved, not `size`.
		this.carveExact(h, size);
		b.flags[h] = BlockFlag.row;
		this.usedBlocks++;
		this.usedBlockBytes += b.size[h]!;
		this.map.addUsed(addr, b.size[h]!, 1);
		return h;
	}

	/** Mark a block as a collector's reserve: not program data, not free. */
	setReserved(h: number, reserved: boolean): void {
		const b = this.blocks;
		const was = (b.flags[h]! & BlockFlag.reserved) !== 0;
		if (was === reserved) return;
		if (reserved) {
			b.flags[h] = b.flags[h]! | BlockFlag.reserved;
			this.usedBlocks--;
			this.usedBlockBytes -= b.size[h]!;
			this.reservedBytes += b.size[h]!;
			this.map.addUsed(b.addr[h]!, b.size[h]!, -1);
		} else {
			b.flags[h] = b.flags[h]! & ~BlockFlag.reserved;
			this.usedBlocks++;
			this.usedBlockBytes += b.size[h]!;
			this.reservedBytes -= b.size[h]!;
			this.map.addUsed(b.addr[h]!, b.size[h]!, 1);
		}
	}

	/** Set or clear the leaked mark a detector puts on a block (drawn on the heap map). */
	setLeaked(h: number, leaked: boolean): void {
		const b = this.blocks;
		const was = (b.flags[h]! & BlockFlag.leaked) !== 0;
		if (was === leaked) return;
		b.flags[h] = leaked ? b.flags[h]! | BlockFlag.leaked : b.flags[h]! & ~BlockFlag.leaked;
		this.map.addLeaked(b.addr[h]!, b.size[h]!, leaked ? 1 : -1);
	}

	// --- internals -------------------------------------------------------------------------------

	/** Derive what the hot paths ask of a strategy, once per strategy; returns it. */
	private adopt(strategy: PlacementStrategy): PlacementStrategy {
		this.buddy = strategy.powerOfTwo === true;
		this.inPlace = strategy.moved !== undefined && strategy.largest !== undefined && !this.buddy;
		this.trackSizes = strategy.largest === undefined;
		if (this.trackSizes) this.bySize ??= new SizeClassIndex(this.blocks, 4);
		return strategy;
	}

	/** Add every program block to a map that starts being kept now. */
	private mapBlocks(map: HeapMap): void {
		const b = this.blocks;
		for (let h = this.first; h !== none; h = b.next[h]!) {
			const flags = b.flags[h]!;
			if ((flags & (BlockFlag.free | BlockFlag.reserved)) !== 0) continue;
			map.addUsed(b.addr[h]!, b.size[h]!, 1);
			if (flags & BlockFlag.leaked) map.addLeaked(b.addr[h]!, b.size[h]!, 1);
		}
	}

	// The map's own updates check that it is kept; the hot paths below check first, so a headless run
	// does not load a block's address and size only to have the map ignore them (about 3 ns an event).
	private markUsed(h: number, request: number, site: number, owner: number): void {
		const b = this.blocks;
		b.flags[h] = BlockFlag.row;
		b.request[h] = request;
		b.site[h] = site;
		b.owner[h] = owner;
		this.usedBlocks++;
		this.usedBlockBytes += b.size[h]!;
		this.payloadBytes += request;
		if (this.map.tracking) this.map.addUsed(b.addr[h]!, b.size[h]!, 1);
	}

	private unmarkUsed(h: number): void {
		const b = this.blocks;
		this.usedBlocks--;
		this.usedBlockBytes -= b.size[h]!;
		this.payloadBytes -= b.request[h]!;
		b.request[h] = 0;
		if (this.map.tracking) {
			if (b.flags[h]! & BlockFlag.leaked) this.map.addLeaked(b.addr[h]!, b.size[h]!, -1);
			this.map.addUsed(b.addr[h]!, b.size[h]!, -1);
		}
	}

	private setRequest(h: number, request: number): void {
		this.payloadBytes += request - this.blocks.request[h]!;
		this.blocks.request[h] = request;
	}

	/** Insert a free block into the strategy and the size index, and count it. */
	private putFree(h: number): void {
		const b = this.blocks;
		b.flags[h] = BlockFlag.row | BlockFlag.free;
		this.index(h);
		this.freeBlocks++;
		this.freeBytes += b.size[h]!;
	}

	private takeFree(h: number): void {
		this.unindex(h);
		this.freeBlocks--;
		this.freeBytes -= this.blocks.size[h]!;
	}

	/** putFree's and takeFree's index updates without the counts, for paths that count once for many blocks. */
	private index(h: number): void {
		this.strategy.insert(h);
		if (this.trackSizes) this.bySize!.insert(h);
	}

	private unindex(h: number): void {
		this.strategy.remove(h);
		if (this.trackSizes) this.bySize!.remove(h);
	}

	/**
	 * Cut `size` bytes off the front of indexed free block h as a new block, returned for use. The rest
	 * keeps h's handle and its place in the index: most splits then cost no index update beyond `moved`
	 * (an address tree's maxima; nothing for a size tree whose key still sorts there).
	 */
	private splitFront(h: number, size: number): number {
		const b = this.blocks;
		const addr = b.addr[h]!;
		const whole = b.size[h]!;
		const front = b.create(addr, size, BlockFlag.free);
		this.linkBefore(front, h);
		b.addr[h] = addr + size;
		b.size[h] = whole - size;
		this.freeBytes -= size;
		this.strategy.moved!(h);
		return front;
	}

	/**
	 * Immediate coalescing in place: a free predecessor grows forward, or a free successor grows back
	 * over the freed block; either way the surviving free block is `moved` in its index instead of
	 * removals and an insertion, and the freed block's handle goes. False (nothing done) when a neighbour
	 * run is longer than one block, which only a switch from deferred coalescing leaves behind: the
	 * general path handles that.
	 */
	private coalesceInPlace(h: number): boolean {
		const b = this.blocks;
		const p = b.prev[h]!;
		const n = b.next[h]!;
		const prevFree = p !== none && b.isFree(p);
		const nextFree = n !== none && b.isFree(n);
		if ((prevFree && b.prev[p] !== none && b.isFree(b.prev[p]!)) || (nextFree && b.next[n] !== none && b.isFree(b.next[n]!))) {
			return false;
		}
		if (prevFree) {
			let gained = b.size[h]!;
			this.discard(h);
			if (nextFree) {
				this.takeFree(n);
				gained += b.size[n]!;
				this.discard(n);
			}
			b.size[p] = b.size[p]! + gained;
			this.freeBytes += gained;
			this.strategy.moved!(p);
			return true;
		}
		if (nextFree) {
			const own = b.size[h]!;
			b.addr[n] = b.addr[h]!;
			b.size[n] = b.size[n]! + own;
			this.discard(h);
			this.freeBytes += own;
			this.strategy.moved!(n);
			return true;
		}
		this.putFree(h);
		return true;
	}

	/** Cut a free block (already taken out of the indexes) down to `size`, returning the rest as free. */
	private carve(h: number, size: number): void {
		const b = this.blocks;
		if (this.buddy) {
			this.halve(h, size);
			return;
		}
		this.carveExact(h, size);
	}

	/**
	 * Buddy's split: halve block h (out of the indexes) until it is `size` bytes, indexing each upper half
	 * as it is cut (the largest first, as halving in turn does). The block's size and the free counts are
	 * written once, not per level: a buddy heap splits a level or more on most allocations.
	 */
	private halve(h: number, size: number): void {
		const b = this.blocks;
		let half = b.size[h]! / 2;
		if (half < size) return;
		const addr = b.addr[h]!;
		let pieces = 0;
		let bytes = 0;
		do {
			const upper = b.create(addr + half, half, BlockFlag.free);
			this.linkAfter(upper, h);
			this.index(upper);
			pieces++;
			bytes += half;
			half /= 2;
		} while (half >= size);
		b.size[h] = half * 2;
		this.freeBlocks += pieces;
		this.freeBytes += bytes;
	}

	private carveExact(h: number, size: number): void {
		const b = this.blocks;
		const rest = b.size[h]! - size;
		if (rest < this.smallestRemainder) return;
		b.size[h] = size;
		const tail = b.create(b.addr[h]! + size, rest, BlockFlag.free);
		this.linkAfter(tail, h);
		this.putFree(tail);
	}

	/** Give back the end of a used block beyond `size` when it is worth a block of its own. */
	private trimTail(h: number, size: number): void {
		const b = this.blocks;
		const rest = b.size[h]! - size;
		if (rest < this.smallestRemainder) return;
		if (this.map.tracking) this.map.addUsed(b.addr[h]! + size, rest, -1);
		this.usedBlockBytes -= rest;
		b.size[h] = size;
		let tail = b.create(b.addr[h]! + size, rest, BlockFlag.free);
		this.linkAfter(tail, h);
		if (this.immediate) tail = this.mergeNeighbours(tail);
		this.putFree(tail);
	}

	private growInPlace(h: number, size: number): boolean {
		const b = this.blocks;
		const n = b.next[h]!;
		const current = b.size[h]!;
		if (n !== none && b.isFree(n) && current + b.size[n]! >= size) {
			this.takeFree(n);
			const gained = b.size[n]!;
			this.discard(n);
			b.size[h] = current + gained;
			if (this.map.tracking) this.map.addUsed(b.addr[h]! + current, gained, 1);
			this.usedBlockBytes += gained;
			this.trimTail(h, size);
			return true;
		}
		if (n === none && this.growable) {
			const extra = size - current;
			this.raiseTop(this.top + extra);
			b.size[h] = size;
			if (this.map.tracking) this.map.addUsed(b.addr[h]! + current, extra, 1);
			this.usedBlockBytes += extra;
			return true;
		}
		return false;
	}

	/**
	 * Grow a buddy block to `size` (a larger power of two) where it stands: when its address is a multiple
	 * of `size` and everything after it up to that size is free (its buddy and its buddy's buddies, as
	 * whole blocks or in pieces) or lies above the top of a growable heap. The block then simply becomes
	 * the larger block those buddies would have merged into, as a buddy allocator's realloc does instead
	 * of copying.
	 */
	private growBuddyInPlace(h: number, size: number): boolean {
		const b = this.blocks;
		const addr = b.addr[h]!;
		const current = b.size[h]!;
		const end = addr + size;
		if (!isMultipleOf(addr, size)) return false;
		let reached = addr + current;
		for (let n = b.next[h]!; reached < end; n = b.next[n]!) {
			if (n === none) {
				if (!this.grows) return false;
				break;
			}
			if (!b.isFree(n)) return false;
			reached += b.size[n]!;
		}
		// Aligned pieces never straddle the end of an aligned block that holds their start; should a layout
		// ever have one, the block moves rather than overlap it.
		if (reached > end) return false;
		while (b.next[h] !== none && b.addr[b.next[h]!]! < end) {
			const n = b.next[h]!;
			this.takeFree(n);
			this.discard(n);
		}
		if (end > this.top) this.raiseTop(end);
		b.size[h] = size;
		if (this.map.tracking) this.map.addUsed(addr + current, size - current, 1);
		this.usedBlockBytes += size - current;
		return true;
	}

	/** Extend a growable heap's top by a block of exactly `size` bytes, returned out of the indexes. */
	private extend(size: number): number {
		const b = this.blocks;
		if (this.buddy) {
			if (!isMultipleOf(this.top, size)) this.padTopTo(size);
			return this.appendTaken(size);
		}
		const tail = this.last;
		if (tail !== none && b.isFree(tail)) {
			this.takeFree(tail);
			this.raiseTop(this.top + size - b.size[tail]!);
			b.size[tail] = size;
			return tail;
		}
		return this.appendTaken(size);
	}

	/**
	 * Keep every buddy block an aligned power of two: pad the top up to a multiple of `size` with free
	 * pieces, each as large as the top's alignment, merged with its buddy below as a free would merge it.
	 * A piece is always an upper half (the top is an odd multiple of it), so its buddy is the last block
	 * when that block is free and the piece's size. The last block then grows over the piece, instead of
	 * the piece being made a block only to be merged away, and stays out of the index while the next
	 * pieces may be its buddies too: growing a heap of 8 free bytes for a 512-byte request is six
	 * doublings, not six blocks made, merged and discarded. A piece made a block of its own is never the
	 * next piece's buddy (the next top is an even multiple of it). The top is raised once, with the block.
	 */
	private padTopTo(size: number): void {
		const b = this.blocks;
		let top = this.top;
		let growing = none;
		while (!isMultipleOf(top, size)) {
			const piece = lowestSetBit(top);
			const last = this.last;
			if (last !== none && b.isFree(last) && b.size[last] === piece) {
				if (last !== growing) this.takeFree(last);
				b.size[last] = 2 * piece;
				growing = this.mergeBuddies(last);
			} else {
				if (growing !== none) this.putFree(growing);
				growing = none;
				const padding = b.create(top, piece, BlockFlag.free);
				this.linkAfter(padding, last);
				this.putFree(padding);
			}
			top += piece;
		}
		if (growing !== none) this.putFree(growing);
		this.top = top;
	}

	/** A new block of `size` bytes at the top, not yet indexed (it is about to be used). */
	private appendTaken(size: number): number {
		const h = this.blocks.create(this.top, size, BlockFlag.free);
		this.linkAfter(h, this.last);
		this.raiseTop(this.top + size);
		return h;
	}

	private raiseTop(top: number): void {
		this.top = top;
		if (top > this.highWater) this.highWater = top;
		this.map.cover(top);
	}

	/** Add free space [addr, addr+size) after block `after` (none = at the front), cut as the strategy needs. */
	private addFreeRange(addr: number, size: number, after: number): void {
		if (size <= 0) return;
		const b = this.blocks;
		if (!this.buddy) {
			const h = b.create(addr, size, BlockFlag.free);
			this.linkAfter(h, after);
			this.putFree(h);
			return;
		}
		let previous = after;
		for (const [pieceAddr, pieceSize] of alignedPowerOfTwoPieces(addr, size)) {
			const h = b.create(pieceAddr, pieceSize, BlockFlag.free);
			this.linkAfter(h, previous);
			this.putFree(h);
			previous = h;
		}
	}

	/**
	 * Free a used block under buddy: merged with its buddies as it is when it is an aligned power of two,
	 * as every block buddy placed is. Kept this small so V8 inlines it into `free`; with the piecewise
	 * case below in the same function, its bytecode was past V8's inlining limit and every free under
	 * buddy made the call.
	 */
	private freeBuddyRange(h: number): void {
		const b = this.blocks;
		const size = b.size[h]!;
		if (nextPowerOfTwo(size) === size && isMultipleOf(b.addr[h]!, size)) {
			// putFree marks it free; the merge never reads the freed block's own flags.
			this.putFree(this.immediate ? this.mergeBuddies(h) : h);
			return;
		}
		this.freeInPieces(h);
	}

	/** Free a block that is not one aligned power of two (placed before a switch to buddy): its range becomes aligned pieces, each merged with its buddy. */
	private freeInPieces(h: number): void {
		const b = this.blocks;
		const addr = b.addr[h]!;
		const size = b.size[h]!;
		const before = b.prev[h]!;
		this.discard(h);
		const pieces: number[] = [];
		let previous = before;
		for (const [pieceAddr, pieceSize] of alignedPowerOfTwoPieces(addr, size)) {
			const piece = b.create(pieceAddr, pieceSize, BlockFlag.free);
			this.linkAfter(piece, previous);
			this.putFree(piece);
			pieces.push(piece);
			previous = piece;
		}
		if (!this.immediate) return;
		for (const piece of pieces) {
			if (!b.isAlive(piece) || !b.isFree(piece)) continue;
			this.takeFree(piece);
			this.putFree(this.mergeBuddies(piece));
		}
	}

	/**
	 * Merge a free block that is not in the indexes with its buddy while the buddy is free and whole;
	 * returns the merged block, still not indexed. Merging before indexing, as the textbook buddy free
	 * does, saves an insertion and a removal per level merged.
	 */
	private mergeBuddies(h: number): number {
		const b = this.blocks;
		let size = b.size[h]!;
		let addr = b.addr[h]!;
		let merged = 0;
		let mergedBytes = 0;
		for (;;) {
			const mate = buddyAddress(addr, size);
			const neighbour = mate > addr ? b.next[h]! : b.prev[h]!;
			if (neighbour === none || !b.isFree(neighbour) || b.addr[neighbour] !== mate || b.size[neighbour] !== size) break;
			// takeFree's work, with the free counts kept in locals until the merging stops.
			this.unindex(neighbour);
			merged++;
			mergedBytes += size;
			if (mate > addr) {
				this.discard(neighbour);
			} else {
				this.discard(h);
				h = neighbour;
				addr = mate;
			}
			size *= 2;
		}
		// Written once: the loop compares the neighbours' sizes with its own count, never reads h's.
		b.size[h] = size;
		this.freeBlocks -= merged;
		this.freeBytes -= mergedBytes;
		return h;
	}

	/**
	 * Merge a free block (not in the indexes) with every free block right after it and, unless
	 * `onlyForward`, right before it; the neighbours leave the indexes. Returns the surviving handle,
	 * still not indexed. Runs of several free blocks exist after a switch from deferred or no coalescing.
	 */
	private mergeNeighbours(h: number, onlyForward = false): number {
		const b = this.blocks;
		for (let n = b.next[h]!; n !== none && b.isFree(n); n = b.next[h]!) {
			this.takeFree(n);
			b.size[h] = b.size[h]! + b.size[n]!;
			this.discard(n);
		}
		if (onlyForward) return h;
		for (let p = b.prev[h]!; p !== none && b.isFree(p); p = b.prev[h]!) {
			this.takeFree(p);
			b.size[p] = b.size[p]! + b.size[h]!;
			this.discard(h);
			h = p;
		}
		return h;
	}
}
