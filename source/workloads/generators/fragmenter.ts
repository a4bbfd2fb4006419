import {Op} from '../../engine/events.js';
import {GeneratorSource} from './generator-source.js';

const pairsPerRound = {min: 64, max: 256};
/** Rounds whose small blocks stay live: the pinned blocks that keep the holes from coalescing. */
const keptRounds = 4;

/**
 * The classic fragmentation pattern: allocate small and large blocks interleaved, then free the
 * large ones. Each freed large block becomes a hole pinned between two live small ones, so free
 * space is plentiful but in pieces; each round asks for larger blocks than the last round's holes,
 * so they cannot be reused and the heap has to grow past them. The small blocks of the oldest round
 * are released as new rounds start, which keeps the live set bounded. Healthy: nothing leaks.
 */
export class FragmenterWorkload extends GeneratorSource {
	readonly name = 'fragmenter';
	readonly hasGraph = false;
	readonly leakingSites: readonly string[] = [];
	private readonly smallSite = this.sites.intern('index.entry');
	private readonly largeSite = this.sites.intern('io.buffer');
	private round = 0;
	private pairsLeft = 0;
	private readonly larges: number[] = [];
	/** Small block ids per kept round, oldest first. */
	private readonly smalls: number[][] = [];

	protected step(): void {
		if (this.pairsLeft === 0 && this.larges.length > 0) return this.punchHoles();
		if (this.pairsLeft === 0) this.startRound();
		const small = this.newId();
		const large = this.newId();
		this.emit(Op.alloc, small, this.rng.int(16, 48), this.smallSite);
		this.emit(Op.alloc, large, this.largeSize(), this.largeSite);
		this.smalls.at(-1)!.push(small);
		this.larges.push(large);
		this.pairsLeft--;
		// The oldest kept round drains while the new one builds, a few blocks a step.
		if (this.smalls.length > keptRounds) {
			const oldest = this.smalls[0]!;
			for (let i = 0; i < 2 && oldest.length > 0; i++) this.emit(Op.free, oldest.pop()!);
			if (oldest.length === 0) this.smalls.shift();
		}
	}

	private startRound(): void {
		this.round++;
		this.pairsLeft = this.rng.int(pairsPerRound.min, pairsPerRound.max);
		this.smalls.push([]);
	}

	/** Large sizes grow round by round over a cycle of four, so each round's requests overflow the last round's holes. */
	private largeSize(): number {
		const base = 512 * (1 + (this.round % keptRounds));
		return this.rng.int(base, base + 511);
	}

	private punchHoles(): void {
		for (let i = 0; i < 4 && this.larges.length > 0; i++) this.emit(Op.free, this.larges.shift()!);
	}
}
