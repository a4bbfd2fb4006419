import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {LineReader, type ByteSource} from '../../source/io/line-reader.js';

async function allLines(reader: LineReader): Promise<Array<[number, string]>> {
	const lines: Array<[number, string]> = [];
	while (reader.next() || (await reader.fill())) lines.push([reader.line, reader.current]);
	await reader.close();
	return lines;
}

/** Hands out the bytes a few at a time, so lines and multi-byte characters straddle chunks. */
function trickle(text: string, step: number): ByteSource {
	const bytes = new TextEncoder().encode(text);
	let at = 0;
	return {
		next: async () => {
			if (at >= bytes.length) return undefined;
			const chunk = bytes.slice(at, at + step);
			at += step;
			return chunk;
		},
		close: async () => {},
	};
}

const scratch = mkdtempSync(join(tmpdir(), 'memsim-line-reader-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

describe('LineReader', () => {
	it('numbers lines from 1 and strips \\n and \\r\\n', async () => {
		expect(await allLines(LineReader.fromText('x', 'one\r\ntwo\n\nfour'))).toEqual([
			[1, 'one'],
			[2, 'two'],
			[3, ''],
			[4, 'four'],
		]);
	});

	it('reads an empty file as no lines', async () => {
		expect(await allLines(LineReader.fromText('x', ''))).toEqual([]);
	});

	it('joins lines and UTF-8 characters split across chunks', async () => {
		const text = 'a 1 16 site=größe.alloc\nf 1\n# ünïcödé comment\nlast';
		for (const step of [1, 2, 3, 5, 64]) {
			const lines = await allLines(new LineReader('x', trickle(text, step)));
			expect(lines.map(([, line]) => line)).toEqual(text.split('\n'));
		}
	});

	it('reads a line longer than a chunk', async () => {
		const long = 'x'.repeat(3 * 1024 * 1024);
		const file = join(scratch, 'long.txt');
		writeFileSync(file, `first\n${long}\nlast\n`);
		const lines = await allLines(await LineReader.open(file));
		expect(lines.map(([n, line]) => [n, line.length])).toEqual([
			[1, 5],
			[2, long.length],
			[3, 4],
		]);
	});

	it('decompresses gzip found by its magic bytes, whatever the name', async () => {
		const file = join(scratch, 'trace.txt');
		writeFileSync(file, gzipSync('memtrace 1\na 0 16\n'));
		expect(await allLines(await LineReader.open(file))).toEqual([
			[1, 'memtrace 1'],
			[2, 'a 0 16'],
		]);
	});

	it('reads a multi-megabyte gzip file in order', async () => {
		const lines = Array.from({length: 200_000}, (_, i) => `a ${i} ${i % 4096}`);
		const file = join(scratch, 'big.gz');
		writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
		const read = await allLines(await LineReader.open(file));
		expect(read.length).toBe(lines.length);
		expect(read[123_456]).toEqual([123_457, lines[123_456]]);
	});

	it('reports a missing file as FILE: no such file', async () => {
		await expect(LineReader.open('fixtures/traces/nope.memtrace')).rejects.toThrow(
			'fixtures/traces/nope.memtrace: no such file',
		);
	});

	it('reports a directory and a corrupt gzip file as input errors', async () => {
		await expect(LineReader.open(scratch)).rejects.toMatchObject({name: 'InputError'});
		const file = join(scratch, 'corrupt.gz');
		writeFileSync(file, gzipSync('a 0 16\n'.repeat(1000)).subarray(0, 40));
		const reader = await LineReader.open(file);
		await expect(allLines(reader)).rejects.toThrow(`${file}: not a readable gzip file`);
	});
});
