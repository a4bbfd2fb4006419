import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Interner} from '../../source/engine/interner.js';
import {LineReader} from '../../source/io/line-reader.js';
import {MallocLabParser} from '../../source/workloads/malloc-lab.js';
import {MemtraceParser} from '../../source/workloads/memtrace.js';
import {TraceSource} from '../../source/workloads/trace-source.js';
import {ValgrindParser, ValgrindSource} from '../../source/workloads/valgrind.js';
import {readEvents, type PlainEvent} from './read-events.js';

// Each parser reads its usual line in one quick pass and anything else the careful way: both ways
// must give the same events, so the same trace is written tightly and loosely and the events compared.

interface Op {
	kind: 'a' | 'f' | 'r';
	id: number;
	size: number;
	site: string;
	owner: string;
}

const ops = fc.array(
	fc.record({
		kind: fc.constantFrom('a' as const, 'f' as const, 'r' as const),
		id: fc.oneof(fc.integer({min: 0, max: 50}), fc.constant(2 ** 52), fc.constant(2 ** 53 + 2)),
		size: fc.oneof(fc.integer({min: 0, max: 1 << 20}), fc.constant(1e15), fc.constant(1e16)),
		// Names that are prefixes of each other: a remembered `json` must not match the start of `json.parse`.
		site: fc.constantFrom('', 'json', 'json.parse', 'route.match', 'x#y'),
		owner: fc.constantFrom('', 'job', 'job-2'),
	}),
	{minLength: 1, maxLength: 40},
);

/** Extra blanks (spaces, tabs) where the grammar allows them: never the quick pass's spelling. */
const loose = fc.constantFrom(' \t', '  ', '\t');

function source(parser: 'malloc-lab' | 'memtrace', text: string): TraceSource {
	const sites = new Interner();
	const owners = new Interner();
	const reader = LineReader.fromText('t', text);
	const lineParser = parser === 'malloc-lab' ? new MallocLabParser('t') : new MemtraceParser('t', sites, owners);
	return new TraceSource('t', false, sites, owners, reader, lineParser);
}

async function outcome(parser: 'malloc-lab' | 'memtrace', text: string): Promise<PlainEvent[] | string> {
	try {
		return await readEvents(source(parser, text));
	} catch (error) {
		return (error as Error).message;
	}
}

function line(op: Op, gap: string, withSite: boolean): string {
	const fields = op.kind === 'f' ? [op.kind, op.id] : [op.kind, op.id, op.size];
	if (withSite && op.kind !== 'f' && op.site !== '') fields.push(`site=${op.site}`);
	if (withSite && op.kind !== 'f' && op.owner !== '') fields.push(`owner=${op.owner}`);
	return fields.join(gap);
}

describe('well-formed lines and loosely spaced ones', () => {
	it('give the same malloc-lab events and the same errors', async () => {
		await fc.assert(
			fc.asyncProperty(ops, loose, async (events, gap) => {
				const header = `1000\n60\n${events.length}\n1\n`;
				const tight = header + events.map((op) => line(op, ' ', false)).join('\n');
				const spaced = header + events.map((op) => ` ${line(op, gap, false)}${gap}`).join('\n');
				expect(await outcome('malloc-lab', tight)).toEqual(await outcome('malloc-lab', spaced));
			}),
			{numRuns: 150},
		);
	});

	it('give the same memtrace events, names and errors', async () => {
		await fc.assert(
			fc.asyncProperty(ops, loose, async (events, gap) => {
				const tight = events.map((op) => line(op, ' ', true)).join('\n');
				const spaced = events.map((op) => `${gap}${line(op, gap, true)}`).join('\n');
				expect(await outcome('memtrace', tight)).toEqual(await outcome('memtrace', spaced));
			}),
			{numRuns: 150},
		);
	});

	it('give the same valgrind events with and without time stamps', async () => {
		const calls = fc.array(
			fc.oneof(
				fc.record({call: fc.constant('malloc' as const), size: fc.integer({min: 0, max: 1 << 16}), at: fc.integer({min: 0, max: 40})}),
				fc.record({call: fc.constant('free' as const), size: fc.constant(0), at: fc.integer({min: 0, max: 40})}),
			),
			{maxLength: 60},
		);
		await fc.assert(
			fc.asyncProperty(calls, async (list) => {
				const address = (k: number) => `0x${(k === 0 ? 0 : 0x4a00000 + 16 * k).toString(16).toUpperCase()}`;
				const body = (c: {call: string; size: number; at: number}) =>
					c.call === 'malloc' ? `malloc(${c.size}) = ${address(c.at)}` : `free(${address(c.at)})`;
				const plain = list.map((c) => `--4242-- ${body(c)}`).join('\n');
				const stamped = list.map((c) => `--00:00:00:01.234 4242-- ${body(c)}`).join('\n');
				const read = async (text: string) => {
					const sites = new Interner();
					return readEvents(new ValgrindSource('v', sites, LineReader.fromText('v', text), new ValgrindParser(sites)));
				};
				expect(await read(plain)).toEqual(await read(stamped));
			}),
			{numRuns: 150},
		);
	});

	it('tells a remembered name from a longer one that starts with it', async () => {
		const events = await outcome('memtrace', 'a 1 8 site=json owner=job\na 2 8 site=json.parse owner=job-2\na 3 8 site=json\t');
		expect(events).toEqual(expect.any(Array));
		expect((events as PlainEvent[]).map((e) => `${e.id} ${e.site} ${e.owner}`)).toEqual(['1 json job', '2 json.parse job-2', '3 json ']);
	});

	it('reads an id past 2^53 the careful way, as an error naming the line', async () => {
		expect(await outcome('malloc-lab', `a 9007199254740993 8`)).toMatch(/^t:1: id must be a non-negative integer/);
		expect(await outcome('memtrace', `a 1 8\na 9007199254740993 8`)).toMatch(/^t:2: id must be a non-negative integer/);
	});
});
