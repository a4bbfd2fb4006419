import {Op} from '../../engine/events.js';
import {networkSites, type FlinkJobShape} from '../../flink/sim/job-shape.js';
import {FlinkJobWorkload} from './flink-job.js';

const producer = 'map';
const consumer = 'reduce';
const parallelisms = [16, 32, 64, 128, 256, 512, 1024];

interface Deployment {
	/** Ids of the gates and partitions set up, per owner. */
	readonly requests: Array<{readonly id: number; readonly owner: number}>;
	readonly owners: number[];
	stepsLeft: number;
}

/**
 * Jobs that shuffle (`map -> keyBy -> reduce`) deployed one after another, with their parallelism and
 * the number of inputs of the reduce drawn at random. In each slot the map task sets up a pipelined
 * result partition with one subpartition per downstream subtask, and the reduce task an input gate of
 * one channel per upstream subtask for each of its inputs: `a <id> <channels> network.gate <owner>`,
 * `a <id> <subpartitions> network.partition <owner>`. Under `--flink` these go to the network buffer
 * pool (gate: channels x 2 + 1 buffers, partition: subpartitions + 1); the widest jobs need more
 * buffers than Flink's default TaskManager has, and fail as Flink fails their deployment. The job
 * runs, ends, and hands its buffers back.
 */
export class FlinkNetworkWorkload extends FlinkJobWorkload {
	readonly name = 'flink-network';
	readonly leakingSites: readonly string[] = [];
	readonly job: FlinkJobShape = {tasks: [{name: producer}, {name: consumer}], sites: {}};
	private readonly gateSite = this.sites.intern(networkSites.gate);
	private readonly partitionSite = this.sites.intern(networkSites.partition);
	private current?: Deployment;

	protected step(): void {
		if (!this.current) return this.deploy();
		this.tick(this.rng.int(1, 4));
		if (--this.current.stepsLeft <= 0) this.undeploy(this.current);
	}

	private deploy(): void {
		const parallelism = this.rng.pick(parallelisms);
		const inputs = this.rng.int(1, 3);
		const deployment: Deployment = {requests: [], owners: [], stepsLeft: this.rng.int(50, 200)};
		for (let slot = 0; slot < this.layout.slots; slot++) {
			const map = this.owner(slot, producer);
			const reduce = this.owner(slot, consumer);
			this.taskStart(map);
			this.taskStart(reduce);
			deployment.owners.push(map, reduce);
			this.request(deployment, map, this.partitionSite, parallelism);
			for (let input = 0; input < inputs; input++) this.request(deployment, reduce, this.gateSite, parallelism);
		}
		this.current = deployment;
	}

	private request(deployment: Deployment, owner: number, site: number, count: number): void {
		const id = this.newId();
		this.emit(Op.alloc, id, count, site, owner);
		deployment.requests.push({id, owner});
	}

	/** The job finishes: its tasks release their gates and partitions, then end. */
	private undeploy(deployment: Deployment): void {
		for (const {id} of deployment.requests) this.emit(Op.free, id);
		for (const owner of deployment.owners) this.taskEnd(owner);
		this.current = undefined;
	}
}
