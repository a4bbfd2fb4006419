import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root, found from this file whether it runs from dist/ or from source/ under vitest. */
export function projectRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	while (!existsSync(path.join(dir, 'package.json'))) {
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	return dir;
}

/**
 * Traces `compare` and `bench` use when none are named: the CS:APP malloc-lab suite from ../shared/traces
 * when it is beside the repository (the usual eleven, without the tiny short1/short2), plus the valgrind
 * traces recorded for this project in fixtures/traces (plain or gzipped).
 */
export function defaultComparisonTraces(): string[] {
	const root = projectRoot();
	const traces: string[] = [];
	const shared = path.join(root, '..', 'shared', 'traces');
	if (existsSync(shared)) {
		for (const name of readdirSync(shared).sort()) {
			if (name.endsWith('.rep') && !name.startsWith('short')) traces.push(path.join(shared, name));
		}
	}
	const fixtures = path.join(root, 'fixtures', 'traces');
	if (existsSync(fixtures)) {
		const names = readdirSync(fixtures).sort();
		for (const name of names) {
			// A gzipped log counts unless it is the gzip twin of a plain one (sort.valgrind.gz).
			const gzipped = name.endsWith('.valgrind.gz') && !names.includes(name.slice(0, -3));
			if (name.endsWith('.valgrind') || gzipped) traces.push(path.join(fixtures, name));
		}
	}
	return traces;
}
