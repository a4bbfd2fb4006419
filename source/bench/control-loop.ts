import {performance} from 'node:perf_hooks';
import {median} from './median.js';

const slots = 4096;
const keys = 4000;
const operations = 40_000;

/**
 * A fixed workload timed in every bench process, next to the cell it measures: inserts into and
 * searches of a binary search tree in typed arrays, keys from a fixed linear congruential sequence. The
 * engine does not change it, so when its time moves the machine moved. On this project's shared 2-core
 * machines it runs at about 118 ns an operation in the host's fast phases and 140 to 165 in its slow ones,
 * while replays slow down 1.5 to 2x in the same phases: a bench row is read against it.
 */
export function timeControlLoop(runs = 5): number {
	const left = new Int32Array(slots);
	const right = new Int32Array(slots);
	const key = new Float64Array(slots);
	const samples: number[] = [];
	for (let run = 0; run < runs + 2; run++) {
		const started = performance.now();
		treeWork(left, right, key);
		if (run >= 2) samples.push(((performance.now() - started) * 1e6) / operations);
	}
	return median(samples);
}

function treeWork(left: Int32Array, right: Int32Array, key: Float64Array): number {
	left.fill(-1);
	right.fill(-1);
	let seed = 1;
	let root = -1;
	let count = 0;
	let found = 0;
	for (let i = 0; i < operations; i++) {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		const k = seed % 1_000_000;
		if (count < keys) {
			const h = count++;
			key[h] = k;
			if (root < 0) {
				root = h;
				continue;
			}
			for (let p = root; ; ) {
				const side = k < key[p]! ? left : right;
				if (side[p]! < 0) {
					side[p] = h;
					break;
				}
				p = side[p]!;
			}
		} else {
			let p = root;
			for (let depth = 0; p >= 0 && depth < 30; depth++) p = k < key[p]! ? left[p]! : right[p]!;
			if (p >= 0) found++;
		}
	}
	return found;
}
