import type {HostSlice} from './snapshot.js';

export interface HostMemory {
	readonly total: number;
	readonly used: number;
	readonly available: number;
	readonly swapTotal: number;
	readonly swapUsed: number;
}

export type ReadHostMemory = () => Promise<HostMemory>;

/** The real machine's memory, from systeminformation (loaded on first use: it is a large module). */
export async function readSystemMemory(): Promise<HostMemory> {
	const {default: si} = await import('systeminformation');
	const m = await si.mem();
	return {total: m.total, used: m.active, available: m.available, swapTotal: m.swaptotal, swapUsed: m.swapused};
}

export const noHost: HostSlice = {ok: false, total: 0, used: 0, available: 0, swapTotal: 0, swapUsed: 0, rss: 0, heapUsed: 0, heapTotal: 0};

/**
 * Polls the host's memory at most once a second. A poll is asynchronous and the next one is only
 * scheduled when it has answered, so a slow read never piles up and never blocks the simulation.
 */
export class HostPoller {
	private timer: ReturnType<typeof setTimeout> | undefined;
	private stopped = false;

	constructor(
		private readonly read: ReadHostMemory,
		private readonly onUpdate: (host: HostSlice) => void,
		private readonly intervalMs = 1000,
	) {}

	start(): void {
		this.stopped = false;
		void this.poll();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	private async poll(): Promise<void> {
		let host: HostSlice = noHost;
		try {
			const memory = await this.read();
			const own = process.memoryUsage();
			host = {ok: true, ...memory, rss: own.rss, heapUsed: own.heapUsed, heapTotal: own.heapTotal};
		} catch {
			const own = process.memoryUsage();
			host = {...noHost, rss: own.rss, heapUsed: own.heapUsed, heapTotal: own.heapTotal};
		}
		if (this.stopped) return;
		this.onUpdate(host);
		this.timer = setTimeout(() => void this.poll(), this.intervalMs);
		this.timer.unref?.();
	}
}
