import type {Command} from 'commander';
import {generators} from '../workloads/generators/registry.js';
import {traceFormats} from '../workloads/detect.js';

/** The text of `memsim workloads`: what can be simulated, one line each. */
export function describeWorkloads(): string {
	const width = Math.max(...generators.map((entry) => entry.name.length), ...traceFormats.map((format) => format.name.length)) + 2;
	const row = (name: string, description: string): string => `  ${name.padEnd(width)}${description}`;
	return [
		'Synthetic workloads (seeded; endless unless given a length):',
		...generators.map((entry) => row(entry.name, entry.description)),
		'',
		'Trace files (format detected from content, .gz read transparently):',
		...traceFormats.map((format) => row(format.name, format.description)),
		'',
	].join('\n');
}

export function registerWorkloadsCommand(program: Command): void {
	program
		.command('workloads')
		.description('list the synthetic workloads and the trace formats memsim reads')
		.action(() => {
			process.stdout.write(describeWorkloads());
		});
}
