import {Op} from '../../engine/events.js';
import {GeneratorSource} from './generator-source.js';

/** The structures a phase can build, as a compiler's passes do: each its own site and size range. */
const structures = [
	{site: 'ast.node', min: 32, max: 128},
	{site: 'symtab.entry', min: 48, max: 256},
	{site: 'ir.block', min: 256, max: 2048},
	{site: 'codegen.buffer', min: 1024, max: 16384},
];
const scratchSite = 'scratch.buf';
const minPhaseBlocks = 100;
const maxPhaseBlocks = 1500;

/**
 * A program that works in phases, like a compiler's passes or a batch job's stages: each phase
 * builds one structure block by block (with short-lived scratch buffers along the way), then tears
 * it all down before the next begins. The live set rises and falls like a saw, never above one
 * phase's worth, which is what stresses an allocator's reuse of freed space. Healthy.
 */
export class PhasedWorkload extends GeneratorSource {
	readonly name = 'phased';
	readonly hasGraph = false;
	readonly leakingSites: readonly string[] = [];
	private readonly kinds = structures.map((kind) => ({...kind, id: this.sites.intern(kind.site)}));
	private readonly scratchSiteId = this.sites.intern(scratchSite);
	private kind = this.kinds[0]!;
	private toBuild = 0;
	private readonly built: number[] = [];
	private tearingDown = false;
	private reverse = false;

	protected step(): void {
		if (this.tearingDown) return this.tearDown();
		if (this.toBuild === 0) this.startPhase();
		const id = this.newId();
		this.emit(Op.alloc, id, this.rng.int(this.kind.min, this.kind.max), this.kind.id);
		this.built.push(id);
		if (this.rng.chance(0.2)) {
			// A scratch buffer used while building one element and released at once.
			const scratch = this.newId();
			this.emit(Op.alloc, scratch, this.rng.int(64, 1024), this.scratchSiteId);
			this.emit(Op.free, scratch);
		}
		if (--this.toBuild === 0) this.tearingDown = true;
	}

	private startPhase(): void {
		this.kind = this.rng.pick(this.kinds);
		this.toBuild = this.rng.int(minPhaseBlocks, maxPhaseBlocks);
		this.reverse = this.rng.chance(0.5);
	}

	/** Frees a few blocks a step, in reverse order (a stack unwinding) or in build order (a queue draining). */
	private tearDown(): void {
		const count = Math.min(this.built.length, this.rng.int(1, 4));
		for (let i = 0; i < count; i++) this.emit(Op.free, this.reverse ? this.built.pop()! : this.built.shift()!);
		if (this.built.length === 0) this.tearingDown = false;
	}
}
