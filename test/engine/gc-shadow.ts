import type {Simulation} from '../../source/engine/simulation.js';

/**
 * An independent model of the object graph, kept beside a simulation event by event, for the
 * safety and completeness properties. It knows nothing of the engine's graph, marker or collectors:
 * it follows the program's events with plain Maps and Sets and computes reachability itself. A block
 * is identified in the simulation by its handle and the event number it was born at (handles are
 * recycled, birth events are not).
 */
export interface ShadowBlock {
	readonly id: number;
	readonly handle: number;
	readonly born: number;
	readonly size: number;
	roots: number;
	/** Freed by the program under gc: not its own root any more, not nameable by the program. */
	dropped: boolean;
	readonly out: ShadowBlock[];
}

export class Shadow {
	/** Blocks the program can name, by id. */
	readonly visible = new Map<number, ShadowBlock>();
	/** Every block that exists in the simulated heap. */
	readonly blocks = new Set<ShadowBlock>();

	constructor(
		private readonly sim: Simulation,
		private readonly implicitRoots: boolean,
	) {}

	/** Mirror one event that the simulation has just applied. */
	apply(op: string, x: number, y: number): void {
		const sim = this.sim;
		switch (op) {
			// realloc of an id the program does not hold is malloc.
			case 'r':
			case 'a': {
				if (this.visible.has(x)) return;
				const h = sim.ids.get(x);
				if (h < 0) return;
				const block: ShadowBlock = {id: x, handle: h, born: sim.blocks.born[h]!, size: sim.blocks.request[h]!, roots: 0, dropped: false, out: []};
				this.visible.set(x, block);
				this.blocks.add(block);
				return;
			}
			case 'f': {
				const block = this.visible.get(x);
				if (!block) return;
				this.visible.delete(x);
				if (sim.params.reclaim === 'gc') {
					if (block.roots > 0) block.roots--;
					block.dropped = true;
				} else {
					this.remove(block);
				}
				return;
			}
			case 'ref': {
				const from = this.visible.get(x);
				const to = this.visible.get(y);
				if (from && to) from.out.push(to);
				return;
			}
			case 'unref': {
				const from = this.visible.get(x);
				const to = this.visible.get(y);
				if (!from || !to) return;
				const at = from.out.indexOf(to);
				if (at >= 0) from.out.splice(at, 1);
				return;
			}
			case 'root': {
				const block = this.visible.get(x);
				if (block) block.roots++;
				return;
			}
			case 'unroot': {
				const block = this.visible.get(x);
				if (block && block.roots > 0) block.roots--;
				return;
			}
		}
	}

	/** Leaving gc mode: what the program freed under gc is freed now. */
	dropFreed(): void {
		for (const block of [...this.blocks]) if (block.dropped) this.remove(block);
	}

	/** Blocks reachable from the roots, by breadth-first search with a plain array queue. */
	reachable(): Set<ShadowBlock> {
		const seen = new Set<ShadowBlock>();
		const queue: ShadowBlock[] = [];
		for (const block of this.blocks) {
			if (block.roots > 0 || (this.implicitRoots && !block.dropped)) {
				seen.add(block);
				queue.push(block);
			}
		}
		for (let i = 0; i < queue.length; i++) {
			for (const next of queue[i]!.out) {
				if (!seen.has(next)) {
					seen.add(next);
					queue.push(next);
				}
			}
		}
		return seen;
	}

	/** The block still exists in the simulation, same size, same identity. */
	alive(block: ShadowBlock): boolean {
		const {blocks, reclamation} = this.sim;
		const h = block.handle;
		return reclamation.graph.isProgramBlock(h) && blocks.born[h] === block.born && blocks.extId[h] === block.id;
	}

	/**
	 * Drop the blocks the simulation reclaimed on its own (collections, lazy batches). Returns those
	 * that were reachable: a safety violation whenever it is not empty.
	 */
	syncReclaimed(): ShadowBlock[] {
		const reachable = this.reachable();
		const violations: ShadowBlock[] = [];
		for (const block of [...this.blocks]) {
			if (this.alive(block)) continue;
			if (reachable.has(block)) violations.push(block);
			if (this.visible.get(block.id) === block) this.visible.delete(block.id);
			this.remove(block);
		}
		return violations;
	}

	private remove(block: ShadowBlock): void {
		this.blocks.delete(block);
		for (const other of this.blocks) {
			for (let at = other.out.indexOf(block); at >= 0; at = other.out.indexOf(block)) other.out.splice(at, 1);
		}
	}
}
