#!/usr/bin/env node
// First: environment that React and Ink read when they load.
import './source/commands/process-environment.js';
import {Command} from 'commander';
import {InputError} from './source/commands/input-error.js';
import {collectBeforeExit} from './source/commands/exit-collection.js';
import {registerFlinkCommand} from './source/commands/flink.js';
import {registerBenchCommand} from './source/commands/bench.js';
import {registerCompareCommand} from './source/commands/compare.js';
import {registerRunCommand} from './source/commands/run.js';
import {registerStrategiesCommand} from './source/commands/strategies.js';
import {registerWorkloadsCommand} from './source/commands/workloads.js';
import {registerReplayCommand} from './source/commands/replay.js';
import {registerDiffCommand} from './source/commands/diff.js';
import {registerReportCommand} from './source/commands/report.js';
import {registerExportCommand} from './source/commands/export.js';

const program = new Command();
program
	.name('memsim')
	.description('A memory-management simulator with a live terminal dashboard.')
	.version('0.1.0');

// Each sub-command lives in its own file under source/commands/ and registers itself here.
registerFlinkCommand(program);
registerRunCommand(program);
registerCompareCommand(program);
registerBenchCommand(program);
registerStrategiesCommand(program);
registerWorkloadsCommand(program);
registerReplayCommand(program);
registerDiffCommand(program);
registerReportCommand(program);
registerExportCommand(program);

program.exitOverride();
try {
	await program.parseAsync(process.argv);
	collectBeforeExit();
} catch (error) {
	handleTopLevelError(error);
}

function handleTopLevelError(error: unknown): never {
	collectBeforeExit();
	if (error instanceof InputError) {
		process.stderr.write(`memsim: ${error.message}\n`);
		process.exit(2);
	}
	const code = (error as {code?: string}).code;
	if (typeof code === 'string' && code.startsWith('commander.')) {
		// commander already printed its message; help and version are successes.
		if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
		process.exit(2);
	}
	process.stderr.write(`memsim: internal error: ${(error as Error)?.message ?? String(error)}\n`);
	process.exit(1);
}
