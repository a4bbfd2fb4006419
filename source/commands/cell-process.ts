import {collectBeforeExit} from './exit-collection.js';
import {InputError} from './input-error.js';
import {widenInliningBudget} from './inlining-budget.js';
import {type CellReply, quit, ready} from './process-pool.js';

/**
 * The child side of `runInProcesses`: argv[2] is the URL of a module exporting `runCell(task)`. Tasks
 * arrive over IPC and replies go back the same way; `quit` (or the parent going away) ends the process.
 */
// Cell processes only replay: before any of the engine's code is loaded.
widenInliningBudget();

// The listener goes on first: a task that came in while the module below was still loading would
// otherwise be dispatched to no one, and the pool would wait for its answer forever. The pool sends
// nothing before `ready` in any case.
const cells = import(process.argv[2]!) as Promise<{runCell(task: unknown): unknown}>;

function exit(): never {
	collectBeforeExit();
	process.exit(0);
}

process.on('disconnect', exit);
process.on('message', async (task: unknown) => {
	if (task === quit) exit();
	let reply: CellReply<unknown>;
	try {
		reply = {ok: true, outcome: await (await cells).runCell(task)};
	} catch (error) {
		reply = {ok: false, message: error instanceof Error ? error.message : String(error), input: error instanceof InputError};
	}
	process.send!(reply);
});
await cells;
process.send!(ready);
