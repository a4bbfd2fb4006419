import {EventBatch, Op, type OpCode} from '../../source/engine/events.js';
import {Interner} from '../../source/engine/interner.js';
import {defaultParams, type SimulationParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import type {SyncWorkloadSource} from '../../source/engine/workload-source.js';

/**
 * A workload written as text, one event a line, for tests that need exact control:
 *   a ID SIZE [SITE [OWNER]]   f ID   r ID SIZE   ref A B   unref A B   root ID   unroot ID
 *   touch ID   tick N   task OWNER start|end
 * Events carry their 1-based line numbers, as a trace parser's would.
 */
export class ScriptSource implements SyncWorkloadSource {
	readonly name = 'script';
	readonly sites = new Interner();
	readonly owners = new Interner();
	private readonly events: EventBatch;
	private next = 0;

	constructor(
		text: string,
		readonly hasGraph = true,
	) {
		const lines = text.split('\n');
		const events = new EventBatch(Math.max(16, lines.length));
		lines.forEach((raw, index) => {
			const words = raw.trim().split(/\s+/);
			if (words[0] === '' || words[0]!.startsWith('#')) return;
			const [op, x = '0', y = '0', site = '', owner = ''] = words;
			const line = index + 1;
			const push = (code: OpCode, id: number, arg: number, siteIndex = 0, ownerIndex = 0): void =>
				events.push(code, id, arg, siteIndex, ownerIndex, line);
			switch (op) {
				case 'a':
					return push(Op.alloc, Number(x), Number(y), this.sites.intern(site), this.owners.intern(owner));
				case 'f':
					return push(Op.free, Number(x), 0);
				case 'r':
					return push(Op.realloc, Number(x), Number(y));
				case 'ref':
					return push(Op.ref, Number(x), Number(y));
				case 'unref':
					return push(Op.unref, Number(x), Number(y));
				case 'root':
					return push(Op.root, Number(x), 0);
				case 'unroot':
					return push(Op.unroot, Number(x), 0);
				case 'touch':
					return push(Op.touch, Number(x), 0);
				case 'tick':
					return push(Op.tick, 0, Number(x));
				case 'task':
					return push(y === 'start' ? Op.taskStart : Op.taskEnd, 0, 0, 0, this.owners.intern(x));
				default:
					throw new Error(`script line ${line}: unknown op '${op}'`);
			}
		});
		this.events = events;
	}

	readSync(batch: EventBatch): number {
		const before = batch.length;
		const e = this.events;
		while (!batch.full && this.next < e.length) {
			const i = this.next++;
			batch.push(e.op[i] as OpCode, e.id[i]!, e.arg[i]!, e.site[i]!, e.owner[i]!, e.line[i]!);
		}
		return batch.length - before;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}
}

/** Run a whole source synchronously and return the simulation. */
export function runAll(source: SyncWorkloadSource, params: Partial<SimulationParams> = {}, changes = [] as Array<{event: number; key: string; value?: string}>): Simulation {
	const sim = new Simulation(source, {params: {...defaultParams, ...params}, changes, batchSize: 256});
	while (!sim.finished) sim.stepSync(1 << 20);
	return sim;
}

/** Run a script (see ScriptSource) and return the simulation. */
export function runScript(text: string, params: Partial<SimulationParams> = {}, hasGraph = true): Simulation {
	return runAll(new ScriptSource(text, hasGraph), params);
}
