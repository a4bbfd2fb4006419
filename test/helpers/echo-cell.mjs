import {readFileSync} from 'node:fs';

// A cell module for the process-pool test: doubles a number, says which process did it and which CPUs
// it may run on (Linux; undefined elsewhere), or fails on request.
export async function runCell(task) {
	if (task.fail) throw new Error(`cell ${task.value} failed on purpose`);
	return {value: task.value * 2, pid: process.pid, cpus: allowedCpus()};
}

function allowedCpus() {
	try {
		return /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
	} catch {
		return undefined;
	}
}
