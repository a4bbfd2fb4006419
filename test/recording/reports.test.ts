import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {memsim, requireBuild} from './helpers.js';

const gcLeaks = 'fixtures/sessions/gc-leaks.memsim';
let dir: string;
beforeAll(() => {
	requireBuild();
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-report-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('memsim report', {timeout: 120_000}, () => {
	it('--md prints the summary, the changes and the leaks as Markdown', () => {
		const {status, stdout, stderr} = memsim('report', gcLeaks, '--md');
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout).toMatch(/^### memsim session: lost-buffers\n/);
		expect(stdout).toContain('| figure | value |');
		expect(stdout).toMatch(/\| collector \| mark-sweep: \d+ cycles/);
		expect(stdout).toContain('| 120000 | strategy tlsf -> best-fit | scripted |');
		expect(stdout).toMatch(/\| `frame\.decode` \| unreachable \|/);
		expect(stdout).toContain('<details><summary>Parameters at the start</summary>');
	});

	it('--html writes one self-contained page with five SVG charts and nothing to fetch', () => {
		const out = path.join(dir, 'report.html');
		const {status, stderr} = memsim('report', gcLeaks, '--html', out);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		const html = readFileSync(out, 'utf8');
		expect(html.match(/<svg class="chart"/g)).toHaveLength(5);
		for (const chart of ['heap', 'fragmentation', 'timeline', 'gc', 'leaks']) expect(html).toContain(`data-chart="${chart}"`);
		expect(html).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
		expect(html).toContain("default-src 'none'");
		// Three changes at two events (two at event 1,000 share a mark), on both time charts.
		expect(html.match(/class="mark mark-change"/g)).toHaveLength(4);
	});

	it('a cut-off session reports from what it holds, with the warning', () => {
		const {status, stdout, stderr} = memsim('report', 'fixtures/sessions/truncated.memsim', '--md');
		expect(status).toBe(0);
		expect(stderr).toMatch(/truncated\.memsim:\d+: reading stopped/);
		expect(stdout).toContain('> **Warning:**');
		expect(stdout).toContain('cut off');
	});

	it('asks for --html or --md', () => {
		expect(memsim('report', gcLeaks).stderr).toMatch(/--html OUT\.html or --md/);
	});
});

describe('memsim export --cast', {timeout: 120_000}, () => {
	it('writes an asciicast v2 file: a header, frames in time order, markers for changes and alerts', () => {
		const out = path.join(dir, 'session.cast');
		const {status, stderr} = memsim('export', 'fixtures/sessions/two-changes.memsim', '--cast', out);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		const [first, ...rest] = readFileSync(out, 'utf8').trimEnd().split('\n');
		expect(JSON.parse(first!)).toMatchObject({version: 2, width: 120, height: 36});
		const events = rest.map((line) => JSON.parse(line) as [number, string, string]);
		let last = 0;
		for (const [time, kind, data] of events) {
			expect(time).toBeGreaterThanOrEqual(last);
			expect(['o', 'm']).toContain(kind);
			expect(typeof data).toBe('string');
			last = time;
		}
		const frames = events.filter(([, kind]) => kind === 'o').map(([, , data]) => data);
		expect(frames.length).toBeGreaterThan(2);
		expect(frames.some((frame) => frame.includes('Heap') && frame.includes('#60,000'))).toBe(true);
		expect(events.filter(([, kind]) => kind === 'm').map(([, , text]) => text)).toEqual(['strategy tlsf -> best-fit', 'coalescing immediate -> deferred']);
	});
});
