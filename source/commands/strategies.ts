import type {Command} from 'commander';
import {baselineStrategies, strategies} from '../engine/strategies/registry.js';

/** `memsim strategies`: every placement strategy with a line each, in the dashboard's `s` order. */
export function registerStrategiesCommand(program: Command): void {
	program
		.command('strategies')
		.description('list the placement strategies')
		.action(() => {
			const all = [...strategies, ...baselineStrategies];
			const width = Math.max(...all.map(s => s.name.length));
			for (const s of all) process.stdout.write(`${s.name.padEnd(width)}  ${s.description}\n`);
		});
}
