import {EventBatch, Op, type OpCode} from '../../source/engine/events.js';
import {Interner} from '../../source/engine/interner.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import type {SyncWorkloadSource} from '../../source/engine/workload-source.js';
import {prepareFlinkRun, type FlinkRun} from '../../source/flink/sim/flink-run.js';

/**
 * A workload written one event a line, for exact Flink scenarios:
 *   a ID SIZE SITE OWNER   f ID   tick N   task OWNER start|end
 */
export class FlinkScript implements SyncWorkloadSource {
	readonly name = 'flink-script';
	readonly hasGraph = false;
	readonly sites = new Interner();
	readonly owners = new Interner();
	private readonly events: EventBatch;
	private done = false;

	constructor(text: string) {
		const lines = text.trim().split('\n');
		this.events = new EventBatch(Math.max(16, lines.length));
		lines.forEach((raw, index) => {
			const [op, x = '0', y = '0', site = '', owner = ''] = raw.trim().split(/\s+/);
			const push = (code: OpCode, id: number, arg: number, s = 0, o = 0) => this.events.push(code, id, arg, s, o, index + 1);
			if (op === 'a') push(Op.alloc, Number(x), Number(y), this.sites.intern(site), this.owners.intern(owner));
			else if (op === 'f') push(Op.free, Number(x), 0);
			else if (op === 'tick') push(Op.tick, 0, Number(x));
			else if (op === 'task') push(y === 'start' ? Op.taskStart : Op.taskEnd, 0, 0, 0, this.owners.intern(x));
			else throw new Error(`line ${index + 1}: ${raw}`);
		});
	}

	readSync(batch: EventBatch): number {
		if (this.done) return 0;
		this.done = true;
		const e = this.events;
		for (let i = 0; i < e.length; i++) batch.push(e.op[i] as OpCode, e.id[i]!, e.arg[i]!, e.site[i]!, e.owner[i]!, e.line[i]!);
		return e.length;
	}

	async read(batch: EventBatch): Promise<number> {
		return this.readSync(batch);
	}

	async close(): Promise<void> {}
}

/** A `--flink` simulation of `source` under configuration `entries`, run to its end. */
export async function runFlink(source: SyncWorkloadSource, entries: Record<string, string> = {}, slots?: number): Promise<{sim: Simulation; flink: FlinkRun}> {
	const flink = prepareFlinkRun(new Map(Object.entries(entries)), slots, source, defaultParams);
	const sim = new Simulation(source, {params: flink.params, admission: flink.memory});
	flink.attach(sim);
	await sim.runToEnd();
	return {sim, flink};
}
