import {Op} from '../../engine/events.js';
import {DeathQueue} from './death-queue.js';
import {GeneratorSource} from './generator-source.js';

const connectionCount = 6;
/** Chance per step that a decoded frame's buffer is dropped without being freed. */
const leakRate = 0.03;
const leakSite = 'frame.decode';

/**
 * A network server in a language with manual memory management: connections (held by a pool root)
 * receive frames into buffers, use them and release them. On one path, `frame.decode`, the buffer's
 * last reference is dropped (unref) but the buffer is never freed: it becomes unreachable garbage,
 * which a tracing collector would reclaim and a leak checker reports as definitely lost. The
 * ordinary `io.buffer` path is unreferenced and then freed, as a healthy program does.
 */
export class LostBuffersWorkload extends GeneratorSource {
	readonly name = 'lost-buffers';
	readonly hasGraph = true;
	readonly leakingSites: readonly string[] = [leakSite];
	private readonly poolSite = this.sites.intern('connection.pool');
	private readonly connectionSite = this.sites.intern('net.connection');
	private readonly bufferSite = this.sites.intern('io.buffer');
	private readonly frameSite = this.sites.intern(leakSite);
	private pool = -1;
	private readonly connections: number[] = [];
	/** Buffer id -> its connection and whether it will be freed after it is dropped. */
	private readonly buffers = new Map<number, {connection: number; freed: boolean}>();
	private readonly releases = new DeathQueue();

	protected step(): void {
		if (this.pool < 0) return this.start();
		this.emit(Op.tick, 0, 1);
		while (this.releases.peekTime() <= this.now) this.release(this.releases.pop());
		const connection = this.rng.pick(this.connections);
		this.emit(Op.touch, this.pool);
		this.emit(Op.touch, connection);
		const lost = this.rng.chance(leakRate);
		const buffer = this.newId();
		this.emit(Op.alloc, buffer, lost ? this.rng.int(512, 2048) : this.rng.int(1024, 16384), lost ? this.frameSite : this.bufferSite);
		this.emit(Op.ref, connection, buffer);
		this.emit(Op.touch, buffer);
		this.buffers.set(buffer, {connection, freed: !lost});
		this.releases.add(this.now + this.rng.int(1, 12), buffer);
	}

	private start(): void {
		this.pool = this.newId();
		this.emit(Op.alloc, this.pool, 512, this.poolSite);
		this.emit(Op.root, this.pool);
		for (let i = 0; i < connectionCount; i++) {
			const connection = this.newId();
			this.emit(Op.alloc, connection, 1024, this.connectionSite);
			this.emit(Op.ref, this.pool, connection);
			this.connections.push(connection);
		}
	}

	private release(buffer: number): void {
		const {connection, freed} = this.buffers.get(buffer)!;
		this.buffers.delete(buffer);
		this.emit(Op.unref, connection, buffer);
		if (freed) this.emit(Op.free, buffer);
	}
}
