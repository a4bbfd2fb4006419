import {type BlockTable, none} from '../blocks.js';
import type {PlacementStrategy, StrategyDescriptor} from './strategy.js';

/**
 * The original design's linear scan: walk every block from the bottom of the heap until a free one
 * fits. O(n) per request; kept only as the bench's baseline.
 */
class NaiveFirstFit implements PlacementStrategy {
	readonly name = 'naive-first-fit';
	private count = 0;

	constructor(
		private readonly blocks: BlockTable,
		private readonly firstBlock: () => number,
	) {}

	insert(): void {
		this.count++;
	}

	remove(): void {
		this.count--;
	}

	findFit(size: number): number {
		if (this.count === 0) return none;
		const b = this.blocks;
		for (let h = this.firstBlock(); h !== none; h = b.next[h]!) {
			if (b.isFree(h) && b.size[h]! >= size) return h;
		}
		return none;
	}

	clear(): void {
		this.count = 0;
	}

	handles(): number[] {
		const result: number[] = [];
		for (let h = this.firstBlock(); h !== none; h = this.blocks.next[h]!) if (this.blocks.isFree(h)) result.push(h);
		return result;
	}
}

export const naiveFirstFit: StrategyDescriptor = {
	name: 'naive-first-fit',
	description: 'linear scan of every block from the bottom of the heap (the bench baseline, O(n))',
	create: ({blocks, firstBlock}) => new NaiveFirstFit(blocks, firstBlock),
};
