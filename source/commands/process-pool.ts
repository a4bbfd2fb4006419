import {type ChildProcess, spawn} from 'node:child_process';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {onCpu} from '../bench/cpu-affinity.js';
import {InputError} from './input-error.js';

/** The message that ends a cell process. */
export const quit = 'quit';
/** What a cell process says once it can take tasks: nothing is sent to it before. */
export const ready = 'ready';

/**
 * Cells collect garbage on their own thread. A cell replays on one core while the machine's other cores
 * run other cells (compare) or nothing (bench); V8's helper threads for marking and sweeping then only
 * compete with it. On this project's 2-core machines the same bench cell in fresh processes landed in
 * one of two speeds (worst fit on the 27-event allocators log: 45 to 48 ns in 3 of 8 processes, 55 to
 * 63 in 4, 131 in one) with the control loop steady; with this flag 7 of 8 ran at 44 to 46.
 */
const singleThreadedGc = '--single-threaded-gc';

/** What a cell process sends back: the outcome, or why its cell threw (`input`: an InputError, bad input rather than a bug). */
export type CellReply<Outcome> = {ok: true; outcome: Outcome} | {ok: false; message: string; input: boolean};

/**
 * Run tasks in child processes, one per core, handing each idle process the next task. Results come
 * back in task order whatever order they finish in; with `cpu`, every process runs on that CPU only.
 * `cellModule` exports `runCell(task)`; each process loads it through cell-process.js. A cell that
 * throws rejects the whole run with its message (an InputError stays one, so the command exits 2), and
 * no further task is handed out.
 *
 * Processes, not worker threads: Node 20 aborts the whole program (an assertion in
 * `NodePlatform::ForIsolate`) when a worker thread is terminated while V8 is still optimizing its code
 * in the background, which a bench of hundreds of fresh workers hit about once a run. A process that
 * exits takes its compiler threads with it.
 */
export async function runInProcesses<Task, Outcome>(
	cellModule: URL,
	tasks: readonly Task[],
	onDone: (finished: number, total: number) => void,
	processes = availableParallelism(),
	freshProcessPerTask = false,
	cpu?: number,
): Promise<Outcome[]> {
	const results = new Array<Outcome>(tasks.length);
	let next = 0;
	let finished = 0;
	const count = Math.max(1, Math.min(processes, tasks.length));
	const start = async (): Promise<ChildProcess> => {
		// What fork does, spelt out so that taskset can go in front when a CPU is given: node with an IPC
		// channel, whose descriptor survives taskset's exec.
		const cell = fileURLToPath(new URL('cell-process.js', import.meta.url));
		const [command, args] = onCpu(cpu, process.execPath, [...process.execArgv, singleThreadedGc, cell, cellModule.href]);
		const child = spawn(command, args, {stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced'});
		await answer<typeof ready>(child);
		return child;
	};
	const runProcess = async (): Promise<void> => {
		let child = await start();
		try {
			while (next < tasks.length) {
				const index = next++;
				if (freshProcessPerTask && index >= count) {
					await stop(child);
					child = await start();
				}
				try {
					results[index] = await ask<Outcome>(child, tasks[index]);
				} catch (error) {
					next = tasks.length;
					throw error;
				}
				onDone(++finished, tasks.length);
			}
		} finally {
			await stop(child);
		}
	};
	await Promise.all(Array.from({length: count}, runProcess));
	return results;
}

function ask<Outcome>(child: ChildProcess, task: unknown): Promise<Outcome> {
	const reply = answer<CellReply<Outcome>>(child);
	child.send(task as object);
	return reply.then(r => {
		if (!r.ok) throw r.input ? new InputError(r.message) : new Error(r.message);
		return r.outcome;
	});
}

/** The process's next message, or an error if it ends first. */
function answer<Message>(child: ChildProcess): Promise<Message> {
	return new Promise<Message>((resolve, reject) => {
		const onExit = (code: number | null, signal: string | null): void => {
			reject(new Error(`a cell process ended without an answer (${signal ?? `exit status ${code}`})`));
		};
		child.once('exit', onExit);
		child.once('message', (message: Message) => {
			child.off('exit', onExit);
			resolve(message);
		});
	});
}

/**
 * Ask the process to exit and wait until it has. Its answers are all in by then, so one that has not
 * gone within `stopGraceMs` is killed: Node 20 can hang at exit (see exit-collection.ts), and a hung
 * cell must not hold up the whole table.
 */
async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	if (child.connected) child.send(quit);
	else child.kill();
	const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
	await exited;
	clearTimeout(timer);
}

const stopGraceMs = 5000;
