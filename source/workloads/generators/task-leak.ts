import {Op} from '../../engine/events.js';
import {GeneratorSource} from './generator-source.js';

/** The jobs a worker pool runs, each allocating its working blocks at its own site. */
const jobs = [
	{owner: 'render', site: 'render.frame', min: 4096, max: 32768},
	{owner: 'compress', site: 'compress.window', min: 8192, max: 65536},
	{owner: 'index', site: 'index.posting', min: 64, max: 1024},
	{owner: 'import', site: 'import.batch', min: 16384, max: 98304},
];
/** The job that ends while still holding blocks. */
const leakyOwner = 'import';
const maxRunning = 2;

interface Task {
	owner: number;
	site: number;
	min: number;
	max: number;
	leaky: boolean;
	context: number;
	blocks: number[];
	stepsLeft: number;
}

/**
 * Tasks as owners: a worker pool runs jobs (`task X start` ... `task X end`), each allocating blocks
 * it owns under a rooted task context. Healthy jobs release every block before they end. The
 * `import` job hands some of its batches to a long-lived job registry "for later" and ends without
 * releasing them: the blocks stay reachable and allocated, owned by a task that has finished.
 * Jobs run again and again under the same owner names, so the owner table stays small.
 */
export class TaskLeakWorkload extends GeneratorSource {
	readonly name = 'task-leak';
	readonly hasGraph = true;
	readonly leakingSites: readonly string[] = ['import.batch'];
	/** The owners that end while still holding blocks (ground truth for per-task leak checks). */
	readonly leakingOwners: readonly string[] = [leakyOwner];
	private readonly registrySite = this.sites.intern('job.registry');
	private readonly contextSite = this.sites.intern('task.context');
	private readonly kinds = jobs.map((job) => ({
		...job,
		ownerId: this.owners.intern(job.owner),
		siteId: this.sites.intern(job.site),
	}));
	private registry = -1;
	private readonly running: Task[] = [];

	protected step(): void {
		if (this.registry < 0) return this.start();
		this.emit(Op.tick, 0, 1);
		this.emit(Op.touch, this.registry);
		if (this.running.length < maxRunning) this.startTask();
		const task = this.rng.pick(this.running);
		if (task.stepsLeft-- <= 0) return this.endTask(task);
		this.work(task);
	}

	private start(): void {
		this.registry = this.newId();
		this.emit(Op.alloc, this.registry, 2048, this.registrySite);
		this.emit(Op.root, this.registry);
	}

	private startTask(): void {
		const idle = this.kinds.filter((kind) => !this.running.some((task) => task.owner === kind.ownerId));
		const kind = this.rng.pick(idle);
		const context = this.newId();
		this.emit(Op.taskStart, 0, 0, 0, kind.ownerId);
		this.emit(Op.alloc, context, 256, this.contextSite, kind.ownerId);
		this.emit(Op.root, context);
		this.running.push({
			owner: kind.ownerId,
			site: kind.siteId,
			min: kind.min,
			max: kind.max,
			leaky: kind.owner === leakyOwner,
			context,
			blocks: [],
			stepsLeft: this.rng.int(5, 30),
		});
	}

	/** One unit of work: allocate a block under the context, sometimes release an older one, touch what is in use. */
	private work(task: Task): void {
		this.emit(Op.touch, task.context);
		const block = this.newId();
		this.emit(Op.alloc, block, this.rng.int(task.min, task.max), task.site, task.owner);
		this.emit(Op.ref, task.context, block);
		task.blocks.push(block);
		if (task.blocks.length > 4 && this.rng.chance(0.5)) this.releaseBlock(task, task.blocks.shift()!);
		this.emit(Op.touch, this.rng.pick(task.blocks));
	}

	private releaseBlock(task: Task, block: number): void {
		this.emit(Op.unref, task.context, block);
		this.emit(Op.free, block);
	}

	/**
	 * Healthy jobs release everything, then drop and free their context, then end. The leaky job
	 * registers one or two of its batches with the registry and releases only the rest.
	 */
	private endTask(task: Task): void {
		const kept = task.leaky ? Math.min(task.blocks.length, this.rng.int(1, 2)) : 0;
		for (let i = 0; i < kept; i++) this.emit(Op.ref, this.registry, task.blocks[i]!);
		for (let i = 0; i < task.blocks.length; i++) {
			if (i < kept) this.emit(Op.unref, task.context, task.blocks[i]!);
			else this.releaseBlock(task, task.blocks[i]!);
		}
		this.emit(Op.unroot, task.context);
		this.emit(Op.free, task.context);
		this.emit(Op.taskEnd, 0, 0, 0, task.owner);
		this.running.splice(this.running.indexOf(task), 1);
	}
}
