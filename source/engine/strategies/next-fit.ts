import {none} from '../blocks.js';
import {AddressTree} from './address-tree.js';
import type {StrategyDescriptor} from './strategy.js';

/**
 * Next fit (Knuth's roving pointer): first fit starting where the last search ended, wrapping around
 * to the bottom of the heap. The rover is an address, not a block, so it survives its block being
 * split, used or merged: the search starts with the free block containing the rover (a freed block
 * that absorbed the rover's place), then the first fit above it, then the first fit from the bottom.
 */
export const nextFit: StrategyDescriptor = {
	name: 'next-fit',
	description: 'next fit: first fit from where the last search ended, wrapping around (roving pointer, O(log n))',
	create({blocks}) {
		const tree = new AddressTree(blocks);
		let rover = 0;
		return {
			name: 'next-fit',
			insert: h => tree.insert(h),
			remove: h => tree.remove(h),
			findFit(size) {
				const above = tree.firstFitEndingAfter(rover, size);
				return above !== none ? above : tree.firstFit(size);
			},
			// The placed block starts at its free block's address; the remainder, if any, follows it.
			placed(h) {
				rover = blocks.addr[h]!;
			},
			clear() {
				tree.clear();
				rover = 0;
			},
			handles: () => tree.handles(),
			structureProblem: () => tree.structureProblem(),
			largest: () => tree.largest(),
			moved: h => tree.moved(h),
		};
	},
};
