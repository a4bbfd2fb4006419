import {type BlockTable, none} from '../blocks.js';
import {AddressTree} from './address-tree.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/**
 * Next fit (Knuth's roving pointer): first fit starting where the last search ended, wrapping around
 * to the bottom of the heap. The rover is an address, not a block, so it survives its block being
 * split, used or merged: the search starts with the free block containing the rover (a freed block
 * that absorbed the rover's place), then the first fit above it, then the first fit from the bottom.
 *
 * Most searches end where the last one did: the rest of the block the last allocation was cut from
 * keeps that block's handle, lies right after the rover and often fits again. That block is tried
 * first, with no search, whenever nothing free can lie between it and the rover.
 */
class NextFit extends AddressTree implements PlacementStrategy {
	readonly name = 'next-fit';
	private rover = 0;
	/** The block the last placement came from: what is left of it, if anything. */
	private last = none;

	findFit(size: number): number {
		const last = this.last;
		if (last !== none && this.blocks.size[last]! >= size && this.holds(last) && firstEndingAfter(this.blocks, last, this.rover)) return last;
		const above = this.firstFitEndingAfter(this.rover, size);
		return above !== none ? above : this.firstFit(size);
	}

	/** The placed block starts at its free block's address; the remainder, if any, follows it. */
	placed(h: number): void {
		this.rover = this.blocks.addr[h]!;
		this.last = h;
	}

	override clear(): void {
		super.clear();
		this.rover = 0;
		this.last = none;
	}
}

export const nextFit: StrategyDescriptor = {
	name: 'next-fit',
	description: 'next fit: first fit from where the last search ended, wrapping around (roving pointer, O(log n))',
	create: ({blocks}) => new NextFit(blocks),
};

/**
 * Free block `h` is the first free block that ends after address `rover`: it holds the rover, or the
 * block just before it is in use and holds the rover, so no free block lies between them.
 */
function firstEndingAfter(blocks: BlockTable, h: number, rover: number): boolean {
	const addr = blocks.addr[h]!;
	if (addr + blocks.size[h]! <= rover) return false;
	if (addr <= rover) return true;
	const before = blocks.prev[h]!;
	return before !== none && !blocks.isFree(before) && blocks.addr[before]! <= rover;
}
