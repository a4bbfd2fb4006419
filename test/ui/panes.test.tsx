import {cleanup} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {CycleRecord} from '../../source/engine/collectors/gc-stats.js';
import {ColorContext} from '../../source/ui/components/color.js';
import {keymap} from '../../source/ui/keymap/commands.js';
import {EventsPane} from '../../source/ui/panes/events.js';
import {Footer} from '../../source/ui/panes/footer.js';
import {GcPane} from '../../source/ui/panes/gc.js';
import {Header} from '../../source/ui/panes/header.js';
import {HelpOverlay} from '../../source/ui/panes/help-overlay.js';
import {HostPane} from '../../source/ui/panes/host.js';
import {LeaksPane} from '../../source/ui/panes/leaks.js';
import {SitesPane} from '../../source/ui/panes/sites.js';
import {TrendsPane} from '../../source/ui/panes/trends.js';
import {EventLog} from '../../source/ui/store/event-log.js';
import {SitesTracker} from '../../source/ui/store/sites-slice.js';
import type {GcSlice, LeaksSlice} from '../../source/ui/store/snapshot.js';
import {renderSized} from '../helpers/render-ink.js';
import {scriptedSimulation} from '../helpers/scripted-source.js';

afterEach(() => cleanup());

const plainColours = (node: React.ReactElement) => <ColorContext.Provider value={false}>{node}</ColorContext.Provider>;

function cycle(event: number, kind: 'minor' | 'major', reclaimed: number, moved: number, pause: number): CycleRecord {
	return {
		event,
		kind,
		collector: 'generational',
		beforeLiveBytes: 0,
		afterLiveBytes: 0,
		reclaimedBytes: reclaimed,
		reclaimedBlocks: 1,
		movedBytes: moved,
		markedObjects: 10,
		pauseModeledMs: pause,
		wallMs: 0.1,
	};
}

const gcSlice: GcSlice = {
	available: true,
	collector: 'generational',
	reclaim: 'gc',
	trigger: 80,
	cycles: 3,
	minorCycles: 2,
	majorCycles: 1,
	reclaimedBytes: 3 * 1024 * 1024,
	movedBytes: 512 * 1024,
	pauseTotal: 7.5,
	pauseMax: 5,
	recent: [cycle(1000, 'minor', 1024 * 1024, 0, 1), cycle(2000, 'minor', 1024 * 1024, 256 * 1024, 1.5), cycle(3000, 'major', 1024 * 1024, 256 * 1024, 5)],
	scroll: 0,
};

describe('GC pane', () => {
	it('shows the settings, a pause sparkline, the last cycles newest first and the totals', async () => {
		const view = await renderSized(plainColours(<GcPane slice={gcSlice} width={100} height={9} focused={false} />), 100, 12);
		const lines = view.lines().map(line => line.trimEnd());
		expect(lines[0]).toMatch(/^╭─ GC ─+ 3 cycles ─╮$/);
		expect(lines[1]).toContain('collector generational · reclaim gc · trigger 80%');
		expect(lines[2]).toMatch(/^│pause ≤5\.0 ms +▂▂█│$/);
		expect(lines[3]).toContain('#3,000      major reclaimed   1.0 MiB · moved 256.0 KiB · pause 5.0 ms');
		expect(lines[4]).toContain('#2,000      minor');
		expect(lines[5]).toContain('#1,000      minor reclaimed   1.0 MiB · moved       0 B · pause 1.0 ms');
		expect(lines[7]).toContain('3 cycles (2 minor, 1 major) · reclaimed 3.0 MiB · moved 512.0 KiB · pause 7.5 ms total, 5.0 ms max');
	});

	it('says how to start collecting when there is no collector', async () => {
		const slice = {...gcSlice, collector: 'none', reclaim: 'explicit', trigger: 0, cycles: 0, recent: []};
		const view = await renderSized(plainColours(<GcPane slice={slice} width={60} height={6} focused={false} />), 60, 8);
		expect(view.screen()).toContain('collector none · reclaim explicit · trigger off');
		expect(view.screen()).toContain('no collector: g picks one, G collects now');
	});
});

const leaks: LeaksSlice = {
	available: true,
	staleAfter: 50_000,
	repair: 'off',
	scroll: 0,
	rows: [
		{kind: 'growth', site: 'metrics.label', bytes: 600 * 1024, blocks: 4300, age: 345_500, reason: 'floor rising'},
		{kind: 'unreachable', site: 'frame.buffer', bytes: 2048, blocks: 2, age: 1200, reason: 'no path from a root'},
	],
};

describe('Leaks pane', () => {
	it('lists alerts newest first with kind, site, bytes, blocks and age', async () => {
		const view = await renderSized(plainColours(<LeaksPane slice={leaks} width={70} height={7} focused={false} />), 70, 9);
		const lines = view.lines();
		expect(lines[0]).toMatch(/─ Leaks ─+ 2 alerts ─╮/);
		expect(lines[1]).toContain('stale after 50.0k · repair off');
		expect(lines[2]).toMatch(/│kind +site +bytes +blocks +age│/);
		expect(lines[3]).toMatch(/│growth +metrics\.label +600\.0 KiB +4300 +345\.5k ev│/);
		expect(lines[4]).toMatch(/│unreachable +frame\.buffer +2\.0 KiB +2 +1200 ev│/);
	});

	it('colours each kind', async () => {
		const view = await renderSized(<LeaksPane slice={leaks} width={70} height={7} focused={false} />, 70, 9);
		expect(view.lastFrame()).toContain('\u001B[35mgrowth');
		expect(view.lastFrame()).toContain('\u001B[31munreachable');
	});

	it('scrolls: with room for one alert, scroll 1 shows the second', async () => {
		const view = await renderSized(plainColours(<LeaksPane slice={{...leaks, scroll: 1}} width={70} height={5} focused />), 70, 9);
		expect(view.screen()).toContain('frame.buffer');
		expect(view.screen()).not.toContain('metrics.label');
		expect(view.lines()[0]).toMatch(/^┏━ Leaks ━+ 2 alerts ↓ ━┓$/);
	});

	it('says when nothing was found', async () => {
		const view = await renderSized(plainColours(<LeaksPane slice={{...leaks, rows: []}} width={50} height={5} focused={false} />), 50, 7);
		expect(view.screen()).toContain('no leaks found yet');
	});
});

describe('Sites pane', () => {
	it('tables the sites of a known heap by live bytes, with shares', async () => {
		const sim = scriptedSimulation([
			['a', 1, 1000, 'big.site', 'task-a'],
			['a', 2, 1000, 'big.site', 'task-a'],
			['a', 3, 500, 'small.site', 'task-b'],
			['a', 4, 100, 'gone.site', 'task-b'],
			['f', 4],
		]);
		sim.stepSync(10);
		const slice = new SitesTracker(sim).slice('sites', 0, 0);
		const view = await renderSized(plainColours(<SitesPane slice={slice} width={70} height={7} focused={false} />), 70, 9);
		const lines = view.lines().map(line => line.replace(/ +│$/, '│'));
		expect(lines[0]).toMatch(/─ Sites ─+ 2 sites · o: owners ─╮/);
		expect(lines[1]).toMatch(/│ site +blocks +bytes +allocs\/s +share│/);
		expect(lines[2]).toMatch(/│ big\.site +2 +2\.0 KiB +0 +80\.0%│/);
		expect(lines[3]).toMatch(/│ small\.site +1 +500 B +0 +20\.0%│/);
		expect(view.screen()).not.toContain('gone.site');
	});
});

describe('Trends pane', () => {
	it('draws live bytes, utilization and fragmentation as sparklines with their current values', async () => {
		const slice = {live: [0, 1024, 2048, 4096], utilization: [0.5, 0.6, 0.7, 0.8], fragmentation: [0, 0.01, 0.02, 0.05], peakLive: 4096};
		const view = await renderSized(plainColours(<TrendsPane slice={slice} width={40} height={5} focused={false} />), 40, 7);
		const lines = view.lines();
		// one braille row each: two samples a character, four levels a row
		expect(lines[1]).toBe('│live           4.0 KiB  ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣼│');
		expect(lines[2]).toBe('│utilization      80.0%  ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣤⣶│');
		expect(lines[3]).toBe('│ext frag          5.0%  ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣠│');
	});

	it('gives each series a second row with its meaning when there is room', async () => {
		const slice = {live: [1, 2], utilization: [0.5], fragmentation: [0], peakLive: 4096};
		const view = await renderSized(plainColours(<TrendsPane slice={slice} width={40} height={8} focused={false} />), 40, 10);
		expect(view.lines()[2]).toContain('peak 4.0 KiB');
		expect(view.lines()[4]).toContain('live / high-water');
	});
});

describe('Events pane', () => {
	it('logs parameter changes with the event number they applied at, newest first', async () => {
		const sim = scriptedSimulation([
			['a', 1, 64],
			['a', 2, 64],
		]);
		const log = new EventLog(sim);
		sim.stepSync(1);
		sim.apply({key: 'strategy', value: 'best-fit'});
		sim.stepSync(1);
		sim.apply({key: 'coalescing', value: 'deferred'});
		const entries = log.flush();
		const view = await renderSized(plainColours(<EventsPane slice={{entries, scroll: 0}} width={70} height={5} focused={false} />), 70, 7);
		const lines = view.lines();
		expect(lines[1]).toMatch(/│ +#2 change +coalescing immediate -> deferred +│/);
		expect(lines[2]).toMatch(/│ +#1 change +strategy tlsf -> best-fit +│/);
	});
});

describe('Host pane', () => {
	it('shows the machine memory and this process', async () => {
		const gib = 1024 ** 3;
		const slice = {ok: true, total: 16 * gib, used: 4 * gib, available: 12 * gib, swapTotal: 2 * gib, swapUsed: 0, rss: 200 * 1024 ** 2, heapUsed: 50 * 1024 ** 2, heapTotal: 80 * 1024 ** 2};
		const view = await renderSized(plainColours(<HostPane slice={slice} width={50} height={6} focused={false} />), 50, 8);
		const lines = view.lines();
		expect(lines[1]).toMatch(/│memory █████░+ 25% of 16.00 GiB +│/);
		expect(lines[2]).toContain('used 4.00 GiB · available 12.00 GiB');
		expect(lines[3]).toContain('swap 0 B of 2.00 GiB');
		expect(lines[4]).toContain('memsim RSS 200.0 MiB · JS heap 50.0/80.0 MiB');
	});
});

describe('Header and footer', () => {
	const header = {workload: 'leaky', strategy: 'tlsf', collector: 'none', reclaim: 'explicit', events: 1234, eventsPerSec: 15000, state: 'paused' as const, speed: '500/frame'};

	it('header: workload, strategy, collector, reclaim mode, events, events/s, speed, state', async () => {
		const view = await renderSized(plainColours(<Header slice={header} width={120} />), 120, 3);
		const line = view.lines()[0]!;
		expect(line).toHaveLength(120);
		expect(line).toMatch(/^memsim leaky · strategy tlsf · gc none · reclaim explicit +#1,234 · 15\.0k ev\/s · speed 500\/frame · ❚❚ paused$/);
	});

	it('header fits 80 columns', async () => {
		const view = await renderSized(plainColours(<Header slice={{...header, state: 'finished'}} width={80} />), 80, 3);
		const line = view.lines()[0]!;
		expect(line).toHaveLength(80);
		expect(line).toMatch(/^leaky · tlsf · gc none · explicit +#1,234 · 15\.0k ev\/s · 500\/frame · ■ finished$/);
	});

	it('footer lists the main keys from the keymap', async () => {
		const view = await renderSized(<Footer width={120} />, 120, 3);
		expect(view.lines()[0]).toBe('space pause  . step  +/- speed  s strategy  g gc  G collect  tab focus  z zoom  ? help  q quit');
	});

	it('help lists every key of the keymap', async () => {
		const view = await renderSized(plainColours(<HelpOverlay width={120} height={34} />), 120, 36);
		for (const spec of keymap) expect(view.screen()).toContain(`${spec.label.padEnd(12)}${spec.description}`);
	});
});
