import {spawnSync} from 'node:child_process';

/**
 * Pinning a bench round to one CPU, through util-linux's `taskset`.
 *
 * This project's machines are 2-vCPU virtual machines on a shared host, and one vCPU can run slower
 * than the other for minutes: glibc's malloc on awk took 5.6 ns an event pinned to CPU 0 and 9.9 pinned
 * to CPU 1 in the same minute, the engine under best fit 38 to 39 against 51 to 55. An unpinned process
 * lands on either, so one side of a ratio could draw the fast CPU and the other the slow one. A round
 * pinned to one CPU, its cells and glibc alike, measures both sides of each ratio on the same CPU, and
 * rounds taking the CPUs in turn give every cell a draw on each.
 */

/** Expand an affinity list as `taskset` prints it (`0-3,8,10-11`) into CPU numbers. */
export function parseCpuList(list: string): number[] {
	const cpus: number[] = [];
	for (const part of list.trim().split(',')) {
		const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
		if (!match) return [];
		const first = Number(match[1]);
		const last = match[2] === undefined ? first : Number(match[2]);
		for (let cpu = first; cpu <= last; cpu++) cpus.push(cpu);
	}
	return cpus;
}

/**
 * The CPUs this process may run on, when `taskset` is there to pin children to one of them; undefined
 * otherwise (not Linux, util-linux missing, or a sandbox that lets a process read its affinity but not
 * set it), and the bench then runs unpinned as before.
 */
export function pinnableCpus(): number[] | undefined {
	const result = spawnSync('taskset', ['-cp', String(process.pid)], {encoding: 'utf8'});
	if (result.status !== 0) return undefined;
	// "pid 4242's current affinity list: 0,1"
	const list = /list:\s*(\S+)/.exec(result.stdout)?.[1];
	const cpus = list === undefined ? [] : parseCpuList(list);
	if (cpus.length === 0) return undefined;
	// Setting an affinity is what the cells need: a cell that cannot start would fail the whole bench.
	const [command, args] = onCpu(cpus[0], process.execPath, ['-e', '']);
	return spawnSync(command, args).status === 0 ? cpus : undefined;
}

/** `command args` run on `cpu` only (as it is when `cpu` is undefined). */
export function onCpu(cpu: number | undefined, command: string, args: readonly string[]): [string, string[]] {
	return cpu === undefined ? [command, [...args]] : ['taskset', ['-c', String(cpu), command, ...args]];
}
