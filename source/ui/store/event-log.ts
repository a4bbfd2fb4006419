import type {Simulation} from '../../engine/simulation.js';
import {formatBytes} from '../../format/units.js';
import type {LogEntry} from './snapshot.js';

const entryLimit = 500;

interface AlertLike {
	readonly kind: string;
	readonly site: string | number;
	readonly bytes: number;
	readonly blocks: number;
	readonly firstDetected?: number;
}

interface RepairLike {
	readonly event: number;
	readonly description: string;
}

/**
 * The Events pane's log. Engine events arrive one at a time from the emitter; they are queued and
 * joined to the log once per frame (`flush`), so a burst of failures becomes one line and the view
 * never re-renders per event. Capped at the newest 500 entries.
 */
export class EventLog {
	private entries: LogEntry[] = [];
	private pending: LogEntry[] = [];
	private failures = 0;
	private failureEvent = 0;
	private lastFailureSize = 0;
	private readonly unsubscribe: Array<() => void> = [];

	constructor(private readonly sim: Simulation) {
		// The emitter is typed with the events the engine declares; the collector and leak events are
		// listened to by name so the log works with whichever the engine emits.
		const on = sim.events.on.bind(sim.events) as (type: string, fn: (payload: never) => void) => () => void;
		this.unsubscribe.push(
			sim.events.on('change', change => {
				const scripted = change.origin === 'scripted' ? ' (scripted)' : '';
				this.add(change.event, change.value === undefined ? 'action' : 'change', `${change.description}${scripted}`);
			}),
			sim.events.on('failure', failure => {
				this.failures++;
				this.failureEvent = failure.event;
				this.lastFailureSize = failure.size;
			}),
			sim.events.on('end', end => this.add(end.event, 'state', `workload ended after ${end.event.toLocaleString('en-US')} events`)),
			on('alert', (alert: AlertLike) => {
				const site = String(alert.site) || '(no site)';
				this.add(alert.firstDetected ?? sim.eventNumber, 'alert', `${alert.kind} leak at ${site}: ${formatBytes(alert.bytes)} in ${alert.blocks} blocks`);
			}),
			on('repair', (repair: RepairLike) => this.add(repair.event, 'repair', repair.description)),
		);
	}

	add(event: number, kind: LogEntry['kind'], text: string): void {
		this.pending.push({event, kind, text});
	}

	/** Join what arrived since the last frame; returns the entries (a new array only when something was added). */
	flush(): readonly LogEntry[] {
		if (this.failures > 0) {
			const many = this.failures === 1 ? 'allocation failed' : `${this.failures} allocations failed`;
			this.pending.push({event: this.failureEvent, kind: 'failure', text: `${many} (last asked ${formatBytes(this.lastFailureSize)})`});
			this.failures = 0;
		}
		if (this.pending.length === 0) return this.entries;
		const joined = this.entries.concat(this.pending);
		this.entries = joined.length > entryLimit ? joined.slice(joined.length - entryLimit) : joined;
		this.pending = [];
		return this.entries;
	}

	get current(): readonly LogEntry[] {
		return this.entries;
	}

	dispose(): void {
		for (const off of this.unsubscribe) off();
	}
}
