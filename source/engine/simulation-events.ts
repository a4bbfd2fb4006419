import type {CycleRecord} from './collectors/gc-stats.js';
import type {LeakAlert} from './leaks/alerts.js';
import type {RepairRecord} from './leaks/repair-log.js';

/**
 * A tiny typed emitter: the engine's `on(type, fn)` side. The dashboard's store listens here and
 * batches what it hears per frame; recordings write what they hear to the timeline.
 */
export class Emitter<Events extends Record<string, unknown>> {
	private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

	on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
		let set = this.listeners.get(type);
		if (!set) {
			set = new Set();
			this.listeners.set(type, set);
		}
		set.add(listener as (payload: never) => void);
		return () => set.delete(listener as (payload: never) => void);
	}

	emit<K extends keyof Events>(type: K, payload: Events[K]): void {
		const set = this.listeners.get(type);
		if (!set) return;
		for (const listener of set) (listener as (payload: Events[K]) => void)(payload);
	}
}

export interface ChangeEvent {
	/** Event number after which the change applied. */
	readonly event: number;
	readonly key: string;
	/** New value, or undefined for an action (collect, repair-now, compact). */
	readonly value?: string;
	readonly previous?: string;
	readonly origin: 'user' | 'scripted';
	/** One line for the Events pane: "strategy best-fit -> tlsf", "collect: reclaimed 1.2 MiB". */
	readonly description: string;
}

export interface SimulationEventMap extends Record<string, unknown> {
	step: {readonly event: number};
	change: ChangeEvent;
	failure: {readonly event: number; readonly size: number; readonly line: number; readonly reason?: string};
	end: {readonly event: number};
	/** A collection cycle finished. */
	gc: CycleRecord;
	/** A leak alert appeared for the first time (later growth shows in `alerts()`). */
	alert: LeakAlert;
	/** Blocks were freed by a repair. */
	repair: RepairRecord;
}
