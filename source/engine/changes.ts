import {InputError} from './input-error.js';
import {parseChoice, parseIntegerInRange} from './params.js';
import {partitionChangeHandlers} from './partition/partition-changes.js';
import {reclaimChangeHandlers} from './reclaim/reclaim-changes.js';
import type {Simulation} from './simulation.js';
import {findStrategy} from './strategies/registry.js';
import {tunerChangeHandlers} from './tuner/tuner-changes.js';

/** A parameter change (`key=value`) or an action (`key` alone, no value). */
export interface Change {
	readonly key: string;
	readonly value?: string;
	/** Who asked and why, when not the user (the tuner: "tuner rules: heap grew ..."); added to the description. */
	readonly reason?: string;
}

export interface ScheduledChange extends Change {
	/** Applied right after this event number (0: before the first event). */
	readonly event: number;
}

/**
 * What a change key does to a running simulation. One table for `--change`, dashboard keys and
 * replayed recordings, so all three stay the same code path. Later subsystems add rows with
 * `registerChangeHandler`.
 */
export interface ChangeHandler {
	/** Check a value before the run starts (bad `--change` exits 2 up front). */
	validate?(value: string | undefined): void;
	/** Apply it; returns the previous value (for the Events pane) and an optional description. */
	apply(sim: Simulation, value: string | undefined): {previous?: string; description?: string};
	readonly isAction: boolean;
	readonly help: string;
}

const handlers = new Map<string, ChangeHandler>();

export function registerChangeHandler(key: string, handler: ChangeHandler): void {
	handlers.set(key, handler);
}

export function changeKeys(): string[] {
	return [...handlers.keys()];
}

registerChangeHandler('strategy', {
	isAction: false,
	help: 'placement strategy',
	validate(value) {
		findStrategy(value ?? '');
	},
	apply(sim, value) {
		const previous = sim.params.strategy;
		sim.switchStrategy(value!);
		return {previous};
	},
});

registerChangeHandler('coalescing', {
	isAction: false,
	help: 'coalescing mode (immediate, deferred, none)',
	validate(value) {
		parseChoice(value ?? '', 'coalescing', ['immediate', 'deferred', 'none'] as const);
	},
	apply(sim, value) {
		const previous = sim.params.coalescing;
		const mode = parseChoice(value ?? '', 'coalescing', ['immediate', 'deferred', 'none'] as const);
		sim.params.coalescing = mode;
		sim.heap.params = {...sim.heap.params, coalescing: mode};
		if (mode === 'immediate') sim.heap.coalesceAll();
		return {previous};
	},
});

registerChangeHandler('split-threshold', {
	isAction: false,
	help: 'smallest remainder split off a block (bytes)',
	validate(value) {
		parseIntegerInRange(value ?? '', 'split-threshold', 0, 1 << 30);
	},
	apply(sim, value) {
		const previous = String(sim.params.splitThreshold);
		const threshold = Number(value);
		sim.params.splitThreshold = threshold;
		sim.heap.params = {...sim.heap.params, splitThreshold: threshold};
		return {previous};
	},
});

for (const [key, handler] of Object.entries(reclaimChangeHandlers)) registerChangeHandler(key, handler);
for (const [key, handler] of Object.entries({...partitionChangeHandlers, ...tunerChangeHandlers})) registerChangeHandler(key, handler);

/** Parse `--change <event>:<key>=<value>` or `--change <event>:<action>`. */
export function parseChange(text: string): ScheduledChange {
	const match = /^(\d+):([a-z][a-z-]*)(?:=(.*))?$/.exec(text.trim());
	if (!match) {
		throw new InputError(`--change '${text}': expected <event>:<key>=<value> or <event>:<action> (keys: ${changeKeys().join(', ')})`);
	}
	const [, event, key, value] = match;
	const handler = handlers.get(key!);
	if (!handler) throw new InputError(`--change '${text}': unknown key '${key}' (valid: ${changeKeys().join(', ')})`);
	if (handler.isAction && value !== undefined) throw new InputError(`--change '${text}': '${key}' is an action and takes no value`);
	if (!handler.isAction && value === undefined) throw new InputError(`--change '${text}': '${key}' needs a value (${key}=...)`);
	handler.validate?.(value);
	return {event: Number(event), key: key!, value};
}

export function applyChange(sim: Simulation, change: Change, origin: 'user' | 'scripted'): void {
	const handler = handlers.get(change.key);
	if (!handler) throw new InputError(`unknown change '${change.key}' (valid: ${changeKeys().join(', ')})`);
	handler.validate?.(change.value);
	const {previous, description} = handler.apply(sim, change.value);
	const plain = description ?? (change.value === undefined ? change.key : `${change.key} ${previous ?? '?'} -> ${change.value}`);
	const text = change.reason === undefined ? plain : `${plain} (${change.reason})`;
	sim.events.emit('change', {
		event: sim.eventNumber,
		key: change.key,
		value: change.value,
		previous,
		origin,
		description: text,
	});
}
