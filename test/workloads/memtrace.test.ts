import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {EventBatch, Op, type OpCode} from '../../source/engine/events.js';
import {Interner} from '../../source/engine/interner.js';
import {LineReader} from '../../source/io/line-reader.js';
import {MemtraceParser, memtraceHasGraph, openMemtrace} from '../../source/workloads/memtrace.js';
import {formatMemtraceEvent, memtraceHeader} from '../../source/workloads/memtrace-format.js';
import {TraceSource} from '../../source/workloads/trace-source.js';
import {brief, plainEvents, readEvents, type PlainEvent} from './read-events.js';

const traces = 'fixtures/traces';

function sourceOf(text: string, name = 'test.memtrace'): TraceSource {
	const sites = new Interner();
	const owners = new Interner();
	return new TraceSource(name, false, sites, owners, LineReader.fromText(name, text), new MemtraceParser(name, sites, owners));
}

describe('memtrace', () => {
	it('parses every event kind with its 1-based line', async () => {
		const source = await openMemtrace(`${traces}/graph.memtrace`);
		expect(source.hasGraph).toBe(true);
		expect(source.name).toBe('graph.memtrace');
		expect((await readEvents(source)).map(brief)).toEqual([
			'a 1 512 server.state @3',
			'root 1 0 @4',
			'task-start 0 0 req-7 @5',
			'a 2 128 request.ctx req-7 @6',
			'ref 1 2 @7',
			'a 3 4096 request.body req-7 @8',
			'ref 2 3 @9',
			'touch 3 0 @10',
			'tick 0 5 @11',
			'r 3 8192 @13',
			'unref 1 2 @14',
			'f 2 0 @15',
			'f 3 0 @16',
			'task-end 0 0 req-7 @17',
			'unroot 1 0 @18',
			'f 1 0 @19',
		]);
	});

	it('reads a file without header or graph events, with tabs, indents and trailing comments', async () => {
		const source = await openMemtrace(`${traces}/blocks.memtrace`);
		expect(source.hasGraph).toBe(false);
		expect((await readEvents(source)).map(brief)).toEqual([
			'a 0 16 parser.alloc @2',
			'a 1 32 parser.alloc @3',
			'r 0 64 @4',
			'f 1 0 @5',
			'touch 0 0 @6',
			'unref 0 1 @7',
			'f 0 0 @8',
		]);
	});

	it('reads CRLF line ends', async () => {
		expect((await readEvents(await openMemtrace(`${traces}/crlf.memtrace`))).map(brief)).toEqual(['a 5 10 @2', 'f 5 0 @3']);
	});

	it('reads gzip to the same events as the plain file', async () => {
		const plain = await readEvents(await openMemtrace(`${traces}/graph.memtrace`));
		const gz = await openMemtrace(`${traces}/graph.memtrace.gz`);
		expect(gz.hasGraph).toBe(true);
		expect(await readEvents(gz)).toEqual(plain);
	});

	it('finds graph events in its pre-scan only where an event starts with ref or root', async () => {
		expect(await memtraceHasGraph(`${traces}/graph.memtrace`)).toBe(true);
		expect(await memtraceHasGraph(`${traces}/blocks.memtrace`)).toBe(false);
	});

	it.each([
		['bad-event.memtrace', "bad-event.memtrace:3: unknown event 'alloc' (expected a, f, r, ref, unref, root, unroot, touch, tick or task)"],
		['bad-size.memtrace', "bad-size.memtrace:4: size must be a non-negative integer, found '-4'"],
		['late-header.memtrace', "late-header.memtrace:2: the 'memtrace 1' header must come before the first event"],
		['bad-version.memtrace', "bad-version.memtrace:1: unsupported memtrace version '2' (this memsim reads version 1)"],
		['bad-task.memtrace', "bad-task.memtrace:2: expected start or end, found 'begin' (task <owner> start|end)"],
		[
			'bad-attribute.memtrace',
			"bad-attribute.memtrace:2: unexpected 'colour=red': expected site=<name> or owner=<name> (a <id> <size> [site=<name>] [owner=<name>])",
		],
		['missing-field.memtrace', "missing-field.memtrace:2: 'ref' is missing its to id (ref <from> <to>)"],
		['extra-field.memtrace', "extra-field.memtrace:2: unexpected '2' after the event (f <id>)"],
	])('rejects %s with FILE:LINE and what is wrong', async (file, message) => {
		const source = await openMemtrace(`${traces}/${file}`);
		await expect(readEvents(source)).rejects.toThrow(`${traces}/${message}`);
		await expect(readEvents(await openMemtrace(`${traces}/${file}`))).rejects.toMatchObject({name: 'InputError'});
	});

	it('rejects ids too large to hold exactly', async () => {
		await expect(readEvents(sourceOf('a 9007199254740993 1\n'))).rejects.toThrow(
			"test.memtrace:1: id must be a non-negative integer, found '9007199254740993'",
		);
	});

	it('reports a missing file', async () => {
		await expect(openMemtrace(`${traces}/missing.memtrace`)).rejects.toThrow(`${traces}/missing.memtrace: no such file`);
	});
});

const name = fc.stringMatching(/^[a-z][a-z0-9._:-]{0,11}$/);
const id = fc.integer({min: 0, max: Number.MAX_SAFE_INTEGER});
const size = fc.integer({min: 0, max: 2 ** 40});
const event = fc.oneof(
	fc.record({op: fc.constantFrom<OpCode>(Op.alloc, Op.realloc), id, arg: size, site: fc.option(name), owner: fc.option(name)}),
	fc.record({op: fc.constantFrom<OpCode>(Op.free, Op.root, Op.unroot, Op.touch), id, arg: fc.constant(0), site: fc.constant(null), owner: fc.constant(null)}),
	fc.record({op: fc.constantFrom<OpCode>(Op.ref, Op.unref), id, arg: id, site: fc.constant(null), owner: fc.constant(null)}),
	fc.record({op: fc.constant<OpCode>(Op.tick), id: fc.constant(0), arg: size, site: fc.constant(null), owner: fc.constant(null)}),
	fc.record({op: fc.constantFrom<OpCode>(Op.taskStart, Op.taskEnd), id: fc.constant(0), arg: fc.constant(0), site: fc.constant(null), owner: name}),
);

describe('memtrace printing', () => {
	it('parses printed events back to the same events', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(event, {maxLength: 60}), async (events) => {
				const sites = new Interner();
				const owners = new Interner();
				const batch = new EventBatch(Math.max(events.length, 1));
				for (const e of events) {
					batch.push(e.op, e.id, e.arg, sites.intern(e.site ?? ''), owners.intern(e.owner ?? ''));
				}
				const lines = [memtraceHeader];
				for (let i = 0; i < batch.length; i++) lines.push(formatMemtraceEvent(batch, i, sites, owners));
				const expected: PlainEvent[] = plainEvents(batch, {sites, owners}).map((e, i) => ({...e, line: i + 2}));
				expect(await readEvents(sourceOf(lines.join('\n') + '\n'))).toEqual(expected);
			}),
			{numRuns: 200},
		);
	});
});

describe('memtrace graph pre-scan', () => {
	it.each([
		['a 1 2\nref 1 2\n', true],
		['a 1 2\n  \troot 1', true],
		['root\t1\r\n', true],
		['a 1 2\nunref 1 2\nunroot 1\n', false],
		['# ref 1 2\na 1 2 site=ref\n', false],
		['a 1 2 site=x\nrefs 1 2\nrooted 1\n', false],
	])('%j has graph events: %s', async (text, expected) => {
		const dir = mkdtempSync(join(tmpdir(), 'memsim-prescan-'));
		const file = join(dir, 'x.memtrace');
		writeFileSync(file, text);
		try {
			expect(await memtraceHasGraph(file)).toBe(expected);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
