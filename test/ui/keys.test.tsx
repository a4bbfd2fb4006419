import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {changeKeys} from '../../source/engine/changes.js';
import {strategyNames} from '../../source/engine/strategies/registry.js';
import {defaultSpeed, speedSteps} from '../../source/ui/store/speed.js';
import {renderDashboard, workloadSimulation} from '../helpers/dashboard.js';
import {keys} from '../helpers/render-ink.js';

afterEach(() => cleanup());

/** Events a frame at the default pace, and one step faster and two slower. */
const pace = speedSteps[defaultSpeed]!;
const up = speedSteps[defaultSpeed + 1]!;
const down = speedSteps[defaultSpeed - 2]!;

/** Keys whose engine change another subsystem registers: their tests run once it does. */
const has = (key: string) => changeKeys().includes(key);

async function dashboard() {
	const d = await renderDashboard(workloadSimulation());
	await d.frame();
	return d;
}

const headerOf = (screen: string) => screen.split('\n')[0]!;
const eventsPane = (screen: string) => screen.slice(screen.search(/[─━] Events /));

describe('run keys', () => {
	it('pauses and resumes with space', async () => {
		const d = await dashboard();
		expect(headerOf(d.screen())).toContain('▶ running');
		await d.press(keys.space);
		expect(headerOf(d.screen())).toContain('❚❚ paused');
		expect(d.store.loop.paused).toBe(true);
		const at = d.sim.eventNumber;
		await d.frame();
		expect(d.sim.eventNumber).toBe(at);
		await d.press(keys.space);
		expect(headerOf(d.screen())).toContain('▶ running');
		await d.frame();
		expect(d.sim.eventNumber).toBe(at + pace);
	});

	it('steps a batch with . and one event with , (pausing first)', async () => {
		const d = await dashboard();
		const at = d.sim.eventNumber;
		await d.press('.');
		await d.frame();
		expect(d.sim.eventNumber).toBe(at + pace);
		expect(headerOf(d.screen())).toContain(`#${(at + pace).toLocaleString('en-US')}`);
		expect(headerOf(d.screen())).toContain('paused');
		await d.press(',');
		await d.frame();
		expect(d.sim.eventNumber).toBe(at + pace + 1);
		expect(headerOf(d.screen())).toContain(`#${(at + pace + 1).toLocaleString('en-US')}`);
	});

	it('changes the pace with + and -, shown in the header', async () => {
		const d = await dashboard();
		expect(headerOf(d.screen())).toContain(`speed ${pace}/frame`);
		await d.press('+');
		expect(headerOf(d.screen())).toContain(`speed ${up}/frame`);
		const at = d.sim.eventNumber;
		await d.frame();
		expect(d.sim.eventNumber).toBe(at + up);
		await d.press('-', '-', '-');
		expect(headerOf(d.screen())).toContain(`speed ${down}/frame`);
		for (let i = 0; i < 20; i++) await d.press('-');
		expect(headerOf(d.screen())).toContain('speed 1/frame');
		for (let i = 0; i < 20; i++) await d.press('+');
		expect(headerOf(d.screen())).toContain('speed max');
	});

	it('runs to the end with 0 and then reads finished', async () => {
		const d = await renderDashboard(workloadSimulation('leaky', 20_000));
		await d.press('0');
		expect(headerOf(d.screen())).toContain('to end');
		for (let i = 0; i < 200 && !d.sim.finished; i++) await d.frame(200);
		await d.frame();
		expect(d.sim.eventNumber).toBe(20_000);
		expect(headerOf(d.screen())).toContain('■ finished');
		expect(eventsPane(d.screen())).toContain('workload ended after 20,000 events');
	});
});

describe('memory keys', () => {
	it('cycles the placement strategy with s and S, in the header and the Events pane', async () => {
		const d = await dashboard();
		const names = strategyNames();
		const start = names.indexOf(d.sim.params.strategy);
		await d.press('s');
		const next = names[(start + 1) % names.length]!;
		expect(d.sim.params.strategy).toBe(next);
		expect(headerOf(d.screen())).toContain(`strategy ${next}`);
		expect(eventsPane(d.screen())).toMatch(new RegExp(`#[\\d,]+ change +strategy tlsf -> ${next}`));
		await d.press('S', 'S');
		const previous = names[(start - 1 + names.length) % names.length]!;
		expect(d.sim.params.strategy).toBe(previous);
		expect(headerOf(d.screen())).toContain(`strategy ${previous}`);
	});

	it.runIf(has('gc'))('cycles the collector with g', async () => {
		const d = await dashboard();
		await d.press('g');
		expect(d.sim.params.collector).not.toBe('none');
		expect(headerOf(d.screen())).toContain(`gc ${d.sim.params.collector}`);
	});

	it.runIf(has('reclaim'))('cycles the reclaim mode with m', async () => {
		const d = await dashboard();
		await d.press('m');
		expect(d.sim.params.reclaim).toBe('lazy');
		expect(headerOf(d.screen())).toContain('reclaim lazy');
	});

	it.runIf(has('gc-trigger'))('moves the GC trigger with ] and [ by 5%', async () => {
		const d = await dashboard();
		await d.press(']', ']');
		expect(d.sim.params.gcTrigger).toBe(10);
		expect(d.screen()).toContain('trigger 10%');
		await d.press('[');
		expect(d.sim.params.gcTrigger).toBe(5);
		expect(d.screen()).toContain('trigger 5%');
	});

	it.runIf(has('stale-after'))('halves and doubles stale-after with t and T', async () => {
		const d = await dashboard();
		const before = d.sim.params.staleAfter;
		await d.press('t');
		expect(d.sim.params.staleAfter).toBe(before / 2);
		await d.press('T', 'T');
		expect(d.sim.params.staleAfter).toBe(before * 2);
		expect(d.screen()).toContain(`stale after ${(before * 2) / 1000}.0k`);
	});

	it.runIf(has('repair'))('toggles auto-repair with a', async () => {
		const d = await dashboard();
		await d.press('a');
		expect(d.sim.params.repair).toBe('auto');
		expect(d.screen()).toContain('repair auto');
		await d.press('a');
		expect(d.sim.params.repair).toBe('off');
	});

	it.runIf(has('gc') && has('collect'))('collects now with G, logged in Events', async () => {
		const d = await dashboard();
		await d.press('g');
		await d.press('G');
		expect(eventsPane(d.screen())).toMatch(/action +collect/);
	});

	it.runIf(has('repair-now'))('repairs now with r, logged in Events', async () => {
		const d = await dashboard();
		await d.press('r');
		expect(eventsPane(d.screen())).toMatch(/#[\d,]+ action/);
	});

	it.runIf(has('compact'))('compacts now with c, logged in Events', async () => {
		const d = await dashboard();
		await d.press('c');
		expect(eventsPane(d.screen())).toMatch(/#[\d,]+ action/);
	});

	it('logs a change the engine refuses instead of failing', async () => {
		const d = await dashboard();
		d.store.change({key: 'no-such-key'});
		await d.frame();
		expect(eventsPane(d.screen())).toMatch(/error +no-such-key: unknown change/);
	});
});

describe('view keys', () => {
	const titleLine = (screen: string, title: string) => screen.split('\n').find(line => line.includes(` ${title} `))!;

	it('moves focus with tab and shift-tab (the focused pane has a heavy border)', async () => {
		const d = await dashboard();
		expect(titleLine(d.screen(), 'Heap')).toContain('┏━ Heap');
		await d.press(keys.tab);
		expect(titleLine(d.screen(), 'Heap')).toContain('╭─ Heap');
		expect(titleLine(d.screen(), 'GC')).toContain('┏━ GC');
		await d.press(keys.shiftTab, keys.shiftTab);
		expect(titleLine(d.screen(), 'Host')).toContain('┏━ Host');
	});

	it('zooms the focused pane to the whole screen with z and back', async () => {
		const d = await dashboard();
		await d.press(keys.tab, keys.tab, 'z');
		const lines = d.lines();
		expect(lines[1]).toMatch(/^┏━ Leaks ━+/);
		expect(lines[1]).toHaveLength(120);
		expect(d.screen()).not.toContain(' Heap ');
		await d.press('z');
		expect(d.screen()).toContain(' Heap ');
	});

	it('opens the help with ?, closes it with esc', async () => {
		const d = await dashboard();
		await d.press('?');
		expect(d.screen()).toContain('┏━ Help ');
		expect(d.screen()).toContain('stale-after: halve');
		await d.press(keys.escape);
		await d.frame();
		expect(d.screen()).not.toContain(' Help ');
	});

	it('scrolls the focused Events pane with the arrows', async () => {
		const d = await dashboard();
		for (let i = 0; i < 12; i++) d.store.note(`note ${i}`);
		await d.frame();
		await d.press(keys.shiftTab, keys.shiftTab);
		expect(eventsPane(d.screen())).toContain('note 11');
		await d.press(keys.down, keys.down, keys.down);
		expect(eventsPane(d.screen())).not.toContain('note 11');
		expect(eventsPane(d.screen())).toContain('note 8');
		expect(eventsPane(d.screen())).toContain('3 newer ↑');
		await d.press(keys.up, keys.up, keys.up);
		expect(eventsPane(d.screen())).toContain('note 11');
	});

	it('switches Sites between sites and owners with o', async () => {
		const d = await dashboard();
		await d.frame(600);
		expect(d.screen()).toContain('o: owners');
		await d.press('o');
		await d.frame(600);
		expect(d.screen()).toContain('o: sites');
	});

	it('quits with q and with ctrl-c', async () => {
		const d = await dashboard();
		await d.press('q');
		expect(d.quits()).toBe(1);
		await d.press(keys.ctrlC);
		expect(d.quits()).toBe(2);
	});
});
