import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultParams} from '../../source/engine/params.js';
import type {ByteSink} from '../../source/io/session-file.js';
import {readSessionText} from '../../source/io/session-file.js';
import {sessionFormatVersion, type SessionHeader, type SessionLine} from '../../source/recording/format.js';
import {describeProblem, parseSession, readSession} from '../../source/recording/reader.js';
import {memsimVersion} from '../../source/recording/version.js';
import {SessionWriter} from '../../source/recording/writer.js';

const header: SessionHeader = {
	type: 'header',
	format: sessionFormatVersion,
	memsim: memsimVersion,
	recordedAt: '2025-01-01T00:00:00.000Z',
	params: {...defaultParams},
	options: {},
	workload: {kind: 'generator', name: 'uniform', seed: 1, events: 1000},
	host: {os: 'test', cpu: 'test', cores: 1, memoryBytes: 0, node: 'v20'},
	snapshotEvery: 100,
	startEvent: 0,
};

function memorySink(): ByteSink & {chunks: Uint8Array[]; bytes(): Buffer} {
	const chunks: Uint8Array[] = [];
	return {chunks, write: (bytes) => void chunks.push(bytes.slice()), close: () => {}, bytes: () => Buffer.concat(chunks)};
}

function snapshot(event: number): SessionLine {
	return {type: 'snapshot', event, at: event, liveBytes: 1, liveBlocks: 1, usedBytes: 1, highWaterBytes: 1, heapBytes: 1, freeBytes: 1, largestFreeBytes: 1, utilization: 1, externalFragmentation: 0, failures: 0, strategy: 'tlsf'};
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'memsim-session-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('SessionWriter', {timeout: 120_000}, () => {
	it('writes the header at once and holds other lines until a second has passed', () => {
		let now = 0;
		const sink = memorySink();
		const writer = new SessionWriter(sink, 'mem', () => now);
		writer.write(header, true);
		expect(sink.chunks).toHaveLength(1);
		writer.write(snapshot(100));
		now = 999;
		writer.write(snapshot(200));
		expect(sink.chunks).toHaveLength(1);
		now = 1000;
		writer.write(snapshot(300));
		expect(sink.chunks).toHaveLength(2);
		expect(writer.writtenEvent).toBe(300);
	});

	it('flushes at every parameter change, and each flush is a whole gzip member', () => {
		const sink = memorySink();
		const writer = new SessionWriter(sink, 'mem', () => 0);
		writer.write(header, true);
		writer.write(snapshot(100));
		writer.write({type: 'change', event: 150, at: 0, key: 'strategy', value: 'best-fit', origin: 'user', description: 'strategy tlsf -> best-fit'}, true);
		expect(sink.chunks).toHaveLength(2);
		for (const chunk of sink.chunks) expect(() => gunzipSync(chunk)).not.toThrow();
		const text = gunzipSync(sink.bytes()).toString('utf8');
		expect(text.split('\n').filter(Boolean).map((line) => JSON.parse(line).type)).toEqual(['header', 'snapshot', 'change']);
	});

	it('reports a full disk the moment it happens, with how far the file got', () => {
		let calls = 0;
		const sink: ByteSink = {
			write: () => {
				if (++calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'});
			},
			close: () => {},
		};
		const writer = new SessionWriter(sink, 'full.memsim', () => 0);
		writer.write(header, true);
		writer.write(snapshot(100));
		expect(() => writer.write(snapshot(200), true)).toThrow(/full\.memsim: no space left on the device; the file keeps 1 complete lines, up to event 0/);
	});
});

describe('reading sessions', {timeout: 120_000}, () => {
	function recordedBytes(lines: number): Buffer {
		let now = 0;
		const sink = memorySink();
		const writer = new SessionWriter(sink, 'mem', () => now);
		writer.write(header, true);
		for (let i = 1; i <= lines; i++) {
			now += 400;
			writer.write(snapshot(i * 100));
		}
		writer.write({type: 'end', event: lines * 100, at: now, reason: 'finished', summary: {events: lines * 100}});
		writer.close();
		return sink.bytes();
	}

	it('reads a whole session with its end line and no problem', async () => {
		const file = path.join(dir, 'whole.memsim');
		writeFileSync(file, recordedBytes(10));
		const session = await readSession(file);
		expect(session.problem).toBeUndefined();
		expect(session.end?.summary).toEqual({events: 1000});
		expect(session.timeline).toHaveLength(11);
	});

	it('keeps every complete line of a file cut at any byte, and says where it stopped', async () => {
		const bytes = recordedBytes(12);
		const full = gunzipSync(bytes).toString('utf8').split('\n').filter(Boolean);
		const headerEnd = bytes.indexOf(Buffer.from([0x1f, 0x8b]), 2);
		for (let cut = headerEnd; cut < bytes.length; cut += 7) {
			const file = path.join(dir, 'cut.memsim');
			writeFileSync(file, bytes.subarray(0, cut));
			const {text, error} = await readSessionText(file);
			const session = parseSession(file, text, error);
			const kept = session.timeline.map((line) => JSON.stringify(line));
			expect(kept).toEqual(full.slice(1, 1 + kept.length));
			if (!session.end) {
				expect(session.problem).toBeDefined();
				expect(describeProblem(session)).toMatch(/up to event/);
			}
		}
	});

	it('refuses a header from a newer format, naming line 1 and both versions', () => {
		const text = `${JSON.stringify({...header, format: sessionFormatVersion + 1, memsim: '9.9.9'})}\n`;
		expect(() => parseSession('new.memsim', text)).toThrow(/new\.memsim:1: session format 2 \(written by memsim 9\.9\.9\) is newer than this memsim/);
	});

	it('stops at an unknown entry type and keeps what came before', () => {
		const text = [JSON.stringify(header), JSON.stringify(snapshot(100)), JSON.stringify({type: 'hologram', event: 150}), JSON.stringify(snapshot(200)), ''].join('\n');
		const session = parseSession('odd.memsim', text);
		expect(session.timeline).toHaveLength(1);
		expect(session.problem).toMatchObject({line: 3});
		expect(describeProblem(session)).toBe(
			"odd.memsim:3: reading stopped at line 3: unknown entry type 'hologram' (written by a newer memsim?); using the 2 complete lines before it, up to event 100",
		);
	});

	it('says a file is not a session when it is not gzip, or its header is not one', async () => {
		const file = path.join(dir, 'plain.memsim');
		writeFileSync(file, 'a 1 16\n');
		await expect(readSession(file)).rejects.toThrow(/not a memsim session/);
		writeFileSync(file, gzipSync('{"type":"snapshot","event":1}\n'));
		await expect(readSession(file)).rejects.toThrow(/plain\.memsim:1: not a memsim session header/);
		await expect(readSession(path.join(dir, 'missing.memsim'))).rejects.toThrow(/missing\.memsim: no such file or directory/);
	});

	it('keeps memsim version in step with package.json', () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {version: string};
		expect(memsimVersion).toBe(pkg.version);
	});
});
