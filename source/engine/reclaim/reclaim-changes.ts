import type {ChangeHandler} from '../changes.js';
import {InputError} from '../input-error.js';
import {parseCollector, parseGcTrigger, parseReclaim, parseRepair, parseStaleAfter} from './options.js';

/**
 * The `--change` keys and actions of reclamation, collection and leak repair (the same rows serve
 * dashboard keys and recordings). changes.ts registers them; they live here to keep that table short.
 */
export const reclaimChangeHandlers: Record<string, ChangeHandler> = {
	reclaim: {
		isAction: false,
		help: 'reclamation mode (explicit, lazy, gc)',
		validate: value => void parseReclaim(value ?? ''),
		apply(sim, value) {
			const previous = sim.params.reclaim;
			const mode = parseReclaim(value ?? '');
			const note = sim.reclamation.setReclaim(mode);
			return {previous, description: `reclaim ${previous} -> ${mode}${note ? `; ${note}` : ''}`};
		},
	},
	gc: {
		isAction: false,
		help: 'garbage collector (none, mark-sweep, mark-compact, copying, generational)',
		validate: value => void parseCollector(value ?? ''),
		apply(sim, value) {
			const previous = sim.params.collector;
			const name = parseCollector(value ?? '');
			if (name === 'none' && sim.params.reclaim === 'gc') {
				throw new InputError(`gc=none: reclaim is gc, so memory would never come back; change reclaim first`);
			}
			sim.reclamation.setCollector(name);
			return {previous};
		},
	},
	'gc-trigger': {
		isAction: false,
		help: 'collect when the usable heap is this full (percent, 0 = off)',
		validate: value => void parseGcTrigger(value ?? ''),
		apply(sim, value) {
			const previous = String(sim.params.gcTrigger);
			sim.params.gcTrigger = parseGcTrigger(value ?? '');
			sim.reclamation.driver.updateTrigger();
			return {previous};
		},
	},
	'stale-after': {
		isAction: false,
		help: 'time units a reachable block may go untouched before it is stale',
		validate: value => void parseStaleAfter(value ?? ''),
		apply(sim, value) {
			const previous = String(sim.params.staleAfter);
			sim.params.staleAfter = parseStaleAfter(value ?? '');
			return {previous};
		},
	},
	repair: {
		isAction: false,
		help: 'leak repair (off, auto)',
		validate: value => void parseRepair(value ?? ''),
		apply(sim, value) {
			const previous = sim.params.repair;
			sim.params.repair = parseRepair(value ?? '');
			return {previous};
		},
	},
	collect: {
		isAction: true,
		help: 'a full collection now (major for generational)',
		apply(sim) {
			const records = sim.reclamation.driver.collect(true);
			if (records.length === 0) return {description: 'collect: no collector (choose one with gc=...)'};
			const reclaimed = records.reduce((sum, r) => sum + r.reclaimedBytes, 0);
			const blocks = records.reduce((sum, r) => sum + r.reclaimedBlocks, 0);
			const moved = records.reduce((sum, r) => sum + r.movedBytes, 0);
			return {description: `collect (${records.map(r => r.kind).join('+')}): reclaimed ${reclaimed} bytes in ${blocks} block${blocks === 1 ? '' : 's'}, moved ${moved} bytes`};
		},
	},
	'repair-now': {
		isAction: true,
		help: 'free what every current leak alert points at (stale and growing sites too)',
		apply(sim) {
			const r = sim.reclamation;
			if (!r.tracking) return {description: 'repair-now: leak detection is off'};
			const {bytes, blocks} = r.repairs;
			r.watch.repairNow();
			const freed = r.repairs.blocks - blocks;
			return {description: `repair-now: freed ${freed} block${freed === 1 ? '' : 's'}, ${r.repairs.bytes - bytes} bytes`};
		},
	},
	compact: {
		isAction: true,
		help: 'slide every block down now (mark-compact style), whatever the collector; reclaims nothing',
		apply(sim) {
			return {description: `compact: moved ${sim.reclamation.driver.compact()} bytes`};
		},
	},
};
