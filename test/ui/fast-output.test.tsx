import {ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';
import {cleanup} from 'ink-testing-library';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createFastOutput, type InkOutputClass, type InkOutputLike} from '../../source/ui/render/fast-output.js';
import {flinkSimulation, renderDashboard, workloadSimulation} from '../helpers/dashboard.js';
import {keys} from '../helpers/render-ink.js';
// Ink's own Output: its package exports hide the file, so it is imported by path (the same module Ink loads).
import InkOutputModule from '../../node_modules/ink/build/output.js';

// Ink's colours (chalk) as in a colour terminal, decided before Ink loads.
vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
});

const InkOutput = InkOutputModule as unknown as InkOutputClass;
const helpers = {tokenize, styledCharsFromTokens, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString, stringWidth, sliceAnsi};

type Operation = [kind: 'write', x: number, y: number, text: string, transformers: Array<(line: string, index: number) => string>] | [kind: 'clip', clip: {x1?: number; x2?: number; y1?: number; y2?: number}] | [kind: 'unclip'];

/** The same operations on Ink's Output and on ours: both frames. */
function both(width: number, height: number, operations: Operation[], Fast = createFastOutput(InkOutput, helpers).Output) {
	const outputs: InkOutputLike[] = [new InkOutput({width, height}), new Fast({width, height})];
	for (const output of outputs) {
		for (const [kind, ...args] of operations) {
			if (kind === 'write') output.write(args[0] as number, args[1] as number, args[2] as string, {transformers: args[3] as never});
			if (kind === 'clip') output.clip(args[0] as never);
			if (kind === 'unclip') output.unclip();
		}
	}
	return {ink: outputs[0]!.get(), fast: outputs[1]!.get()};
}

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;

describe('the fast output step', () => {
	it('clips writes to an overflow-hidden box as Ink does', () => {
		const frames = both(12, 5, [
			['write', 0, 0, `${red('outside ')}left`, []],
			['clip', {x1: 2, x2: 8, y1: 1, y2: 4}],
			['write', 0, 0, `ab${red('cdefgh')}ijkl\n0123456789ab\n${bold('x')}y${red('z')}\nmore\nrows`, []],
			['write', 6, 3, 'beyond the right edge', []],
			['write', 20, 2, 'entirely outside', []],
			['unclip'],
			['write', 9, 4, 'end', [line => line.toUpperCase()]],
		]);
		expect(frames.fast).toEqual(frames.ink);
		expect(frames.ink.output).toContain('\u001B[31m');
	});

	it('gives a wide character two columns, and overwrites half of one as Ink does', () => {
		const frames = both(10, 3, [
			['write', 0, 0, `a${red('漢字')}b`, []],
			['write', 0, 1, '🙂 ok 漢', []],
			['write', 2, 1, 'x', []],
			['write', 0, 2, 'e\u0301 café ✔︎', []],
		]);
		expect(frames.fast).toEqual(frames.ink);
		expect(frames.ink.output.split('\n')[0]).toBe('a\u001B[31m漢字\u001B[39mb');
	});

	it('lengthens a row written past its end, and drops columns left of it, as Ink does', () => {
		const {Output, stats} = createFastOutput(InkOutput, helpers);
		const frames = both(6, 3, [['write', 4, 0, red('too long'), []], ['write', 9, 0, 'gap', []], ['write', -2, 1, 'neg漢', []], ['write', 1.5, 2, 'half', []], ['write', 0, 5, 'below', []]], Output);
		expect(frames.fast).toEqual(frames.ink);
		expect(stats).toEqual({fast: 1, fallback: 0});
	});

	it("hands a frame of fractional size to Ink's own code", () => {
		const {Output, stats} = createFastOutput(InkOutput, helpers);
		const frames = both(5.5, 2, [['write', 0, 0, 'abcdefgh', []]], Output);
		expect(frames.fast).toEqual(frames.ink);
		expect(stats).toEqual({fast: 0, fallback: 1});
	});

	it('treats every character it parses itself as a grapheme of its own', () => {
		const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		const ranges = [[0x20, 0x7e], [0xa0, 0x24f], [0x2010, 0x2027], [0x2030, 0x205e], [0x2070, 0x20cf], [0x2100, 0x2bff]] as const;
		const joined: string[] = [];
		for (const [from, to] of ranges) {
			for (let c = from; c <= to; c++) {
				const char = String.fromCharCode(c);
				if (c === 0xad) continue;
				for (const pair of [char + char, `a${char}`, `${char}a`]) if ([...segmenter.segment(pair)].length !== 2) joined.push(c.toString(16));
			}
		}
		expect(joined).toEqual([]);
	});
});


describe('the dashboard drawn through the fast output step', () => {
	const {Output: Fast, stats} = createFastOutput(InkOutput, helpers);
	const inkGet = InkOutputModule.prototype.get;
	const compared: Array<{width: number; height: number; same: boolean}> = [];

	// Every frame Ink draws is also drawn by ours from the same operations, and both are kept.
	beforeEach(() => {
		compared.length = 0;
		InkOutputModule.prototype.get = function (this: InkOutputLike & {operations: unknown[]}) {
			const frame = inkGet.call(this);
			// Ours hands a frame it cannot draw to Ink's get(), which is this one.
			if (this instanceof Fast) return frame;
			const fast = new Fast({width: this.width, height: this.height}) as InkOutputLike & {operations: unknown[]};
			fast.operations.push(...this.operations);
			const fastFrame = fast.get();
			compared.push({width: this.width, height: this.height, same: fastFrame.output === frame.output && fastFrame.height === frame.height});
			if (fastFrame.output !== frame.output) expect(fastFrame.output).toBe(frame.output);
			return frame;
		};
	});
	afterEach(() => {
		InkOutputModule.prototype.get = inkGet;
		cleanup();
	});

	for (const [columns, rows] of [
		[80, 24],
		[120, 40],
		[200, 60],
	] as const) {
		it(`draws the same bytes as Ink at ${columns}x${rows} in colour`, async () => {
			const fallbacks = stats.fallback;
			const d = await renderDashboard(workloadSimulation('leaky', 400_000), columns, rows, true);
			for (let frame = 0; frame < 6; frame++) await d.frame();
			await d.press(keys.tab, 'z');
			await d.frame();
			await d.press('z', '?');
			await d.frame();
			expect(d.lastFrame()).toContain('\u001B[');
			expect(compared.length).toBeGreaterThan(8);
			expect(compared.filter(frame => !frame.same)).toEqual([]);
			expect(compared.some(frame => frame.width === columns)).toBe(true);
			expect(stats.fallback).toBe(fallbacks);
		});
	}

	it('draws the same bytes as Ink with the Flink pane and a too-small terminal', async () => {
		const d = await renderDashboard(flinkSimulation(), 120, 40, true);
		for (let frame = 0; frame < 4; frame++) await d.frame();
		await d.resize(60, 15);
		await d.frame();
		expect(compared.length).toBeGreaterThan(4);
		expect(compared.filter(frame => !frame.same)).toEqual([]);
	});
});
