import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {chromium, type Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

// `memsim report --html` opened in Debian's chromium: every chart draws, nothing is fetched, no console errors.
// Build first (`npx tsc -p tsconfig.json`); run with `npx vitest run --config test/vitest.browser.config.ts`.
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const session = join(root, 'fixtures/sessions/gc-leaks.memsim');
const artifacts = join(root, 'test-artifacts');
const executablePath = '/usr/bin/chromium';

let browser: Browser;
let dir: string;
let html: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'memsim-report-'));
	html = join(dir, 'report.html');
	execFileSync(process.execPath, [cli, 'report', session, '--html', html], {stdio: ['ignore', 'pipe', 'pipe']});
	browser = await chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
});

afterAll(async () => {
	await browser?.close();
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('memsim report --html in headless Chromium', () => {
	it('draws every chart with data, requests nothing, logs no error, and saves a screenshot', async () => {
		expect(existsSync(executablePath)).toBe(true);
		const page = await browser.newPage({viewport: {width: 1000, height: 800}});
		const problems: string[] = [];
		const requests: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
		});
		page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
		page.on('request', (request) => {
			if (!request.url().startsWith('file:')) requests.push(request.url());
		});
		await page.goto(pathToFileURL(html).href, {waitUntil: 'load'});

		const charts = await page.$$eval('svg.chart', (svgs) =>
			svgs.map((svg) => {
				const series = [...svg.querySelectorAll('path.series')];
				const drawn = series.filter((path) => {
					const d = path.getAttribute('d') ?? '';
					const box = (path as SVGGraphicsElement).getBBox();
					// Painted, not only laid out: a filled bar or shape, or a stroked line.
					const style = getComputedStyle(path);
					const painted = (style.fill !== 'none' && style.fill !== '') || (style.stroke !== 'none' && style.stroke !== '' && parseFloat(style.strokeWidth) > 0);
					return /[ML]/.test(d) && d.length > 8 && (box.width > 0 || box.height > 0) && painted && style.visibility !== 'hidden';
				});
				return {chart: svg.getAttribute('data-chart'), series: series.length, drawn: drawn.length, width: svg.getBoundingClientRect().width};
			}),
		);
		expect(charts.map((chart) => chart.chart).sort()).toEqual(['fragmentation', 'gc', 'heap', 'leaks', 'timeline']);
		for (const chart of charts) {
			expect(chart.drawn, `chart ${chart.chart} draws its series`).toBeGreaterThan(0);
			expect(chart.drawn).toBe(chart.series);
			expect(chart.width).toBeGreaterThan(300);
		}
		// Changes are marked on the time charts; the summary and parameter tables are there.
		expect(await page.locator('svg[data-chart="heap"] path.mark-change').count()).toBeGreaterThanOrEqual(2);
		expect(await page.locator('ol.changes li').count()).toBeGreaterThanOrEqual(2);
		expect(await page.locator('table').count()).toBe(2);
		expect(await page.locator('script, link, img, iframe').count()).toBe(0);

		mkdirSync(artifacts, {recursive: true});
		await page.screenshot({path: join(artifacts, 'report.png'), fullPage: true});
		expect(existsSync(join(artifacts, 'report.png'))).toBe(true);
		expect(problems).toEqual([]);
		expect(requests).toEqual([]);
		await page.close();
	});
});
