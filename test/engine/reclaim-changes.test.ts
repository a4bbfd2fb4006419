import {describe, expect, it} from 'vitest';
import {parseChange} from '../../source/engine/changes.js';
import {InputError} from '../../source/engine/input-error.js';
import {defaultParams} from '../../source/engine/params.js';
import {Simulation} from '../../source/engine/simulation.js';
import {runAll, ScriptSource} from './gc-workload.js';

describe('reclamation --change keys and actions', () => {
	it('parse every key and action, and reject a value on an action', () => {
		expect(['10:reclaim=lazy', '10:gc=copying', '10:gc-trigger=80', '10:stale-after=900', '10:repair=auto', '10:collect', '10:repair-now', '10:compact'].map(parseChange)).toEqual([
			{event: 10, key: 'reclaim', value: 'lazy'},
			{event: 10, key: 'gc', value: 'copying'},
			{event: 10, key: 'gc-trigger', value: '80'},
			{event: 10, key: 'stale-after', value: '900'},
			{event: 10, key: 'repair', value: 'auto'},
			{event: 10, key: 'collect', value: undefined},
			{event: 10, key: 'repair-now', value: undefined},
			{event: 10, key: 'compact', value: undefined},
		]);
		expect(() => parseChange('10:collect=now')).toThrow("'collect' is an action and takes no value");
		expect(() => parseChange('10:gc=boehm')).toThrow(InputError);
		expect(() => parseChange('10:gc-trigger=101')).toThrow('allowed: integers 0 to 100');
	});

	it('apply at their event and describe themselves in the Events pane', () => {
		const script = 'a 1 64\nroot 1\na 2 100\ntick 1\na 3 8\nroot 3\ntick 1\ntick 1';
		const changes = ['2:gc=mark-compact', '4:collect', '5:compact', '6:stale-after=900', '6:repair=auto', '7:gc-trigger=80', '7:collect'].map(parseChange);
		const sim = new Simulation(new ScriptSource(script), {params: {...defaultParams, capacity: 4096}, changes});
		const descriptions: string[] = [];
		sim.events.on('change', change => descriptions.push(`${change.event} ${change.description}`));
		while (!sim.finished) sim.stepSync(100);
		expect(descriptions).toEqual([
			'2 gc none -> mark-compact',
			'4 collect (major): reclaimed 100 bytes in 1 block, moved 0 bytes',
			'5 compact: moved 0 bytes',
			'6 stale-after 50000 -> 900',
			'6 repair off -> auto',
			'7 gc-trigger 0 -> 80',
			'7 collect (major): reclaimed 0 bytes in 0 blocks, moved 0 bytes',
		]);
		expect([sim.params.staleAfter, sim.params.repair, sim.params.gcTrigger]).toEqual([900, 'auto', 80]);
	});

	it('report a collect without a collector', () => {
		const sim = runAll(new ScriptSource('a 1 8'));
		const descriptions: string[] = [];
		sim.events.on('change', change => descriptions.push(change.description));
		sim.apply({key: 'collect'});
		expect(descriptions).toEqual(['collect: no collector (choose one with gc=...)']);
	});

	it('refuse to drop the collector under gc', () => {
		const sim = runAll(new ScriptSource('a 1 8'), {reclaim: 'gc', collector: 'copying'});
		expect(() => sim.apply({key: 'gc', value: 'none'})).toThrow('gc=none: reclaim is gc');
	});
});
