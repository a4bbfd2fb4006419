import {createReadStream, createWriteStream, mkdtempSync, rmSync} from 'node:fs';
import {once} from 'node:events';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {EventBatch, Op} from '../engine/events.js';
import {formatMemtraceEvent, memtraceHeader} from '../workloads/memtrace-format.js';
import {findGenerator} from '../workloads/generators/registry.js';

/** One generated trace file per format, all carrying the same seeded events. */
export interface ParseCorpus {
	readonly files: ReadonlyArray<{readonly format: 'memtrace' | 'malloc-lab' | 'valgrind'; readonly file: string}>;
	remove(): void;
}

/**
 * Parse speed is throughput, so it is measured on files of tens of megabytes: the bench's replay
 * traces are a few kilobytes each, where opening the file is most of the time. The same seeded
 * `leaky` events are written as memtrace, as a malloc-lab `.rep` (its header counts the operations)
 * and as a valgrind `--trace-malloc=yes` log (ids become addresses, reallocs move).
 */
export async function writeParseCorpus(events: number): Promise<ParseCorpus> {
	const dir = mkdtempSync(path.join(tmpdir(), 'memsim-parse-'));
	const memtrace = createWriteStream(path.join(dir, 'leaky.memtrace'));
	const valgrind = createWriteStream(path.join(dir, 'leaky.valgrind'));
	const repBody = createWriteStream(path.join(dir, 'body.rep'));
	await write(memtrace, `${memtraceHeader}\n`);
	await write(valgrind, '==4242== Memcheck, a memory error detector\n');
	const source = findGenerator('leaky')!.create({seed: 1, events});
	const batch = new EventBatch(8192);
	const address = new Map<number, number>();
	let nextAddress = 0x4a00000;
	let operations = 0;
	let maxId = 0;
	for (;;) {
		batch.clear();
		if (source.readSync(batch) === 0) break;
		let mem = '';
		let log = '';
		let rep = '';
		for (let i = 0; i < batch.length; i++) {
			const op = batch.op[i]!;
			if (op !== Op.alloc && op !== Op.free && op !== Op.realloc) continue;
			const id = batch.id[i]!;
			const size = batch.arg[i]!;
			mem += `${formatMemtraceEvent(batch, i, source.sites, source.owners)}\n`;
			operations++;
			if (id > maxId) maxId = id;
			if (op === Op.free) {
				rep += `f ${id}\n`;
				log += `--4242-- free(0x${(address.get(id) ?? 0).toString(16).toUpperCase()})\n`;
				address.delete(id);
				continue;
			}
			rep += `${op === Op.alloc ? 'a' : 'r'} ${id} ${size}\n`;
			const moved = nextAddress;
			nextAddress += 16 * Math.ceil((size + 16) / 16);
			const old = address.get(id);
			log +=
				op === Op.realloc && old !== undefined
					? `--4242-- realloc(0x${old.toString(16).toUpperCase()},${size}) = 0x${moved.toString(16).toUpperCase()}\n`
					: `--4242-- malloc(${size}) = 0x${moved.toString(16).toUpperCase()}\n`;
			address.set(id, moved);
		}
		await write(memtrace, mem);
		await write(valgrind, log);
		await write(repBody, rep);
	}
	await write(valgrind, '==4242==     in use at exit: 0 bytes in 0 blocks\n');
	await Promise.all([memtrace, valgrind, repBody].map(async stream => {
		stream.end();
		await once(stream, 'close');
	}));
	const rep = path.join(dir, 'leaky.rep');
	await concatenate(rep, `${nextAddress}\n${maxId + 1}\n${operations}\n1\n`, path.join(dir, 'body.rep'));
	return {
		files: [
			{format: 'memtrace', file: path.join(dir, 'leaky.memtrace')},
			{format: 'malloc-lab', file: rep},
			{format: 'valgrind', file: path.join(dir, 'leaky.valgrind')},
		],
		remove: () => rmSync(dir, {recursive: true, force: true}),
	};
}

async function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
	if (!stream.write(text)) await once(stream, 'drain');
}

/** `header` then the body file's bytes, streamed: the body is tens of megabytes. */
async function concatenate(target: string, header: string, body: string): Promise<void> {
	const out = createWriteStream(target);
	await write(out, header);
	for await (const chunk of createReadStream(body)) await write(out, chunk as Uint8Array);
	out.end();
	await once(out, 'close');
	rmSync(body);
}
