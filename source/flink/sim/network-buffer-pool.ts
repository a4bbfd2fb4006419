import type {NetworkModel} from './managed-memory-model.js';

export type NetworkRequestKind = 'gate' | 'partition';

/** Buffers an input gate of `channels` channels needs: the exclusive buffers of each channel plus one floating buffer. */
export function gateBuffers(channels: number, network: Pick<NetworkModel, 'buffersPerChannel' | 'floatingPerGate'>): number {
	return channels * network.buffersPerChannel + Math.min(1, network.floatingPerGate);
}

/** Buffers a pipelined result partition of `subpartitions` subpartitions needs at least: one each, plus one. */
export function partitionBuffers(subpartitions: number): number {
	return subpartitions + 1;
}

/** The configuration keys Flink names in its message. */
export const networkKeys = ['taskmanager.memory.network.fraction', 'taskmanager.memory.network.min', 'taskmanager.memory.network.max'] as const;

interface Held {
	readonly owner: number;
	readonly buffers: number;
}

/**
 * The TaskManager's NetworkBufferPool: network memory / segment size buffers. Each input gate and
 * result partition a task sets up reserves the buffers it requires; a reservation beyond what is left
 * fails as Flink fails the task's deployment.
 */
export class NetworkBufferPool {
	/** Buffers required by the gates and partitions set up now. */
	required = 0;
	/** The most ever required at once, counting a refused request's demand. */
	peakDemand = 0;
	failures = 0;
	private readonly held = new Map<number, Held>();

	constructor(
		readonly network: NetworkModel,
		readonly segmentSize: number,
	) {}

	get total(): number {
		return this.network.buffers;
	}

	/** NetworkBufferPool.createBufferPool / requestMemorySegments for block `id`; undefined when granted. */
	request(id: number, owner: number, ownerName: string, kind: NetworkRequestKind, count: number): string | undefined {
		const buffers = kind === 'gate' ? gateBuffers(count, this.network) : partitionBuffers(count);
		this.peakDemand = Math.max(this.peakDemand, this.required + buffers);
		if (this.required + buffers > this.total) {
			this.failures++;
			const flink = insufficientBuffers(buffers, this.total - this.required, this.total, this.segmentSize);
			return `${flink} (${ownerName}: ${explain(kind, count, this.network)}; ${this.required} of ${this.total} buffers are already required)`;
		}
		this.required += buffers;
		this.held.set(id, {owner, buffers});
		return undefined;
	}

	release(id: number): boolean {
		const held = this.held.get(id);
		if (!held) return false;
		this.held.delete(id);
		this.required -= held.buffers;
		return true;
	}

	/** A task's end tears down its gates and partitions; returns their ids. */
	releaseOwner(owner: number): number[] {
		const ids = [...this.held].filter(([, held]) => held.owner === owner).map(([id]) => id);
		for (const id of ids) this.release(id);
		return ids;
	}
}

/** Flink's IOException text, word for word (NetworkBufferPool.internalRequestMemorySegments). */
export function insufficientBuffers(required: number, available: number, total: number, segmentSize: number): string {
	return (
		`Insufficient number of network buffers: required ${required}, but only ${available} available. ` +
		`The total number of network buffers is currently set to ${total} of ${segmentSize} bytes each. ` +
		`You can increase this number by setting the configuration keys '${networkKeys[0]}', '${networkKeys[1]}', and '${networkKeys[2]}'.`
	);
}

function explain(kind: NetworkRequestKind, count: number, network: NetworkModel): string {
	if (kind === 'partition') return `pipelined result partition of ${count} subpartitions + 1 = ${partitionBuffers(count)}`;
	return `input gate of ${count} channels x ${network.buffersPerChannel} buffers + ${Math.min(1, network.floatingPerGate)} floating = ${gateBuffers(count, network)}`;
}
