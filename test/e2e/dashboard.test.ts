import {existsSync} from 'node:fs';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, type PtySession, spawnCli} from '../helpers/pty.js';

// End to end through the built CLI in a real pseudo-terminal (`npm test` builds first; alone:
// `npx tsc -p tsconfig.json`). The machine running CI is shared, so waits for the screen are generous;
// the time from `q` to the process exit is held to the two seconds.

const titles = ['Heap', 'GC', 'Leaks', 'Sites', 'Trends', 'Events', 'Host'];
const title = (name: string) => new RegExp(`[─━] ${name} [─━]`);
const hasAll = (names: readonly string[]) => (screen: string) => names.every(name => title(name).test(screen));

let session: PtySession | undefined;

beforeAll(() => {
	if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: build first with npx tsc -p tsconfig.json`);
});

afterEach(() => {
	session?.kill();
	session = undefined;
});

async function quitsCleanly(s: PtySession): Promise<void> {
	const pressed = s.elapsed();
	s.press('q');
	const exit = await s.exited;
	expect(exit.exitCode).toBe(0);
	expect(exit.at - pressed).toBeLessThan(2000);
	// The terminal is back: off the alternate screen, cursor shown.
	await s.waitFor(screen => !s.onAlternateScreen() || screen === '', 1000).catch(() => undefined);
	expect(s.onAlternateScreen()).toBe(false);
	const output = s.output();
	expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(output.lastIndexOf('\u001B[?1049h'));
	expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
}

describe('memsim run --workload leaky in a terminal', {timeout: 60_000}, () => {
	it('120x40: every pane, s changes the strategy, space pauses, q exits cleanly', async () => {
		session = spawnCli(['run', '--workload', 'leaky'], 120, 40);
		const s = session;
		const shown = await s.waitFor(hasAll(titles), 20_000);
		console.log(`120x40: all seven pane titles on screen ${shown.at} ms after spawn`);
		expect(s.onAlternateScreen()).toBe(true);
		const header = () => s.lines()[0]!;
		expect(header()).toMatch(/strategy tlsf .*running/);
		await s.waitFor(/#[\d,]{3,}/);
		s.press('s');
		await s.waitFor(screen => /strategy first-fit/.test(screen.split('\n')[0]!), 5000);
		await s.waitFor(/change +strategy tlsf -> first-fit/, 5000);
		s.press(' ');
		await s.waitFor(screen => /paused/.test(screen.split('\n')[0]!), 5000);
		// Paused: the event count holds still.
		const count = /#[\d,]+/.exec(header())![0];
		await new Promise(resolve => setTimeout(resolve, 400));
		expect(header()).toContain(count);
		expect(s.lines()).toHaveLength(40);
		await quitsCleanly(s);
	});

	it('80x24: the compact layout, s, space and q', async () => {
		session = spawnCli(['run', '--workload', 'leaky'], 80, 24);
		const s = session;
		await s.waitFor(hasAll(['Heap', 'Leaks', 'GC']), 20_000);
		expect(s.screen()).not.toMatch(title('Sites'));
		s.press('s');
		await s.waitFor(screen => /first-fit/.test(screen.split('\n')[0]!), 5000);
		s.press(' ');
		await s.waitFor(screen => /paused/.test(screen.split('\n')[0]!), 5000);
		await quitsCleanly(s);
	});

	it('re-lays out when the terminal is resized, and says when it is too small', async () => {
		session = spawnCli(['run', '--workload', 'leaky'], 120, 40);
		const s = session;
		await s.waitFor(hasAll(titles), 20_000);
		s.resize(80, 24);
		const compact = await s.waitFor(screen => hasAll(['Heap', 'Leaks', 'GC'])(screen) && !title('Sites').test(screen), 5000);
		// No garbage from the larger layout: the header is on top, nothing below the footer.
		expect(compact.screen.split('\n')[0]).toMatch(/^leaky/);
		expect(compact.screen.split('\n')[23]).toBe('');
		s.resize(70, 20);
		await s.waitFor(screen => screen.startsWith('terminal too small (need 80x24, have 70x20)') && screen.split('\n').slice(1).every(line => line === ''), 5000);
		s.resize(120, 40);
		await s.waitFor(hasAll(titles), 5000);
		await quitsCleanly(s);
	});

	it('ctrl-c quits as q does, whatever the simulation is doing', async () => {
		session = spawnCli(['run', '--workload', 'leaky'], 120, 40);
		const s = session;
		await s.waitFor(hasAll(titles), 20_000);
		s.press('0');
		await s.waitFor('to end', 5000);
		const pressed = s.elapsed();
		s.press('\u0003');
		const exit = await s.exited;
		expect(exit.exitCode).toBe(0);
		expect(exit.at - pressed).toBeLessThan(2000);
		expect(s.onAlternateScreen()).toBe(false);
	});

	it('restores the terminal when killed with SIGTERM', async () => {
		session = spawnCli(['run', '--workload', 'leaky'], 100, 30);
		const s = session;
		await s.waitFor(hasAll(['Heap', 'Leaks', 'GC']), 20_000);
		s.kill('SIGTERM');
		const exit = await s.exited;
		expect(exit.exitCode).toBe(143);
		const output = s.output();
		expect(output.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(output.lastIndexOf('\u001B[?1049h'));
	});
});
