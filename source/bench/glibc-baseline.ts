import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {type EventBatch, Op} from '../engine/events.js';
import {onCpu} from './cpu-affinity.js';
import type {InMemorySource} from './in-memory-source.js';

/**
 * The physical limit: the C library's own malloc replaying the same events natively. A tiny C driver is
 * compiled with the machine's cc; it loads the operations first, then times only the replay loop.
 */
const driverSource = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
	FILE *f = fopen(argv[1], "r");
	int runs = atoi(argv[2]);
	long n, ids;
	if (!f || fscanf(f, "%ld %ld", &n, &ids) != 2) return 2;
	char *op = malloc(n); long *id = malloc(sizeof(long) * n); size_t *size = malloc(sizeof(size_t) * n);
	for (long i = 0; i < n; i++) if (fscanf(f, " %c %ld %zu", &op[i], &id[i], &size[i]) != 3) return 2;
	void **ptr = calloc(ids + 1, sizeof(void *));
	for (int r = 0; r < runs; r++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long i = 0; i < n; i++) {
			switch (op[i]) {
			case 'a': ptr[id[i]] = malloc(size[i]); break;
			case 'f': free(ptr[id[i]]); ptr[id[i]] = 0; break;
			case 'r': ptr[id[i]] = realloc(ptr[id[i]], size[i]); break;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		for (long i = 0; i <= ids; i++) { free(ptr[i]); ptr[i] = 0; }
		printf("%.3f\n", ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double)n);
	}
	return 0;
}
`;


/**
 * Compile the driver once; `reason` says why the column is skipped when there is no compiler. `remove`
 * deletes the driver's directory when the bench is done with it.
 */
export function prepareGlibcDriver(): {binary: string; remove(): void} | {reason: string} {
	const compiler = ['cc', 'gcc', 'clang'].find(name => spawnSync(name, ['--version']).status === 0);
	if (!compiler) return {reason: 'no C compiler on this machine (cc, gcc, clang): glibc column skipped'};
	const dir = mkdtempSync(path.join(tmpdir(), 'memsim-glibc-'));
	const source = path.join(dir, 'replay.c');
	const binary = path.join(dir, 'replay');
	writeFileSync(source, driverSource);
	const remove = (): void => rmSync(dir, {recursive: true, force: true});
	try {
		execFileSync(compiler, ['-O2', '-o', binary, source], {stdio: 'pipe'});
	} catch (error) {
		remove();
		return {reason: `${compiler} failed to build the replay driver: ${(error as Error).message.split('\n')[0]}`};
	}
	return {binary, remove};
}

/**
 * ns per event of glibc replaying the loaded events in one process (on `cpu` only, when given): the
 * fastest run after the first, and the median, as the replay cells report theirs. The driver replays
 * the allocation events (a, f, r) and skips what malloc has no call for (a memtrace's ref, touch, tick
 * and the like); its time is spread over all of the trace's events, as the engine's is, so a ratio
 * compares two replays of the same trace. Undefined when the trace has no allocation event.
 */
export function timeGlibc(binary: string, source: InMemorySource, runs: number, cpu?: number): {fastest: number; median: number} | undefined {
	const batch = source.batch;
	const {lines, ids} = driverOperations(batch);
	if (lines.length === 0) return undefined;
	const dir = mkdtempSync(path.join(tmpdir(), 'memsim-ops-'));
	const file = path.join(dir, 'ops.txt');
	let output: string;
	try {
		writeFileSync(file, `${lines.length} ${ids}\n${lines.join('\n')}\n`);
		const [command, args] = onCpu(cpu, binary, [file, String(runs)]);
		output = execFileSync(command, args, {encoding: 'utf8'});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
	// The driver prints ns per operation it replayed.
	const perTraceEvent = lines.length / batch.length;
	const samples = output
		.trim()
		.split('\n')
		.map(line => Number(line) * perTraceEvent)
		.slice(1);
	samples.sort((a, b) => a - b);
	return {fastest: samples[0] ?? Number.NaN, median: samples[samples.length >> 1] ?? Number.NaN};
}

/**
 * The driver's input: one line per allocation event (`a ID SIZE`, `f ID 0`, `r ID SIZE`), the trace's ids
 * renumbered densely from 0 so the driver can keep its pointers in an array; `ids` is how many there are.
 */
export function driverOperations(batch: EventBatch): {lines: string[]; ids: number} {
	const dense = new Map<number, number>();
	const lines: string[] = [];
	for (let i = 0; i < batch.length; i++) {
		const op = batch.op[i]!;
		if (op !== Op.alloc && op !== Op.free && op !== Op.realloc) continue;
		let id = dense.get(batch.id[i]!);
		if (id === undefined) {
			id = dense.size;
			dense.set(batch.id[i]!, id);
		}
		const letter = op === Op.alloc ? 'a' : op === Op.free ? 'f' : 'r';
		lines.push(`${letter} ${id} ${op === Op.free ? 0 : batch.arg[i]!}`);
	}
	return {lines, ids: dense.size};
}
