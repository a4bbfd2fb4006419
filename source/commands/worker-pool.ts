import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';

/**
 * Run tasks on worker threads, one per core, handing each idle worker the next task. Results come
 * back in task order whatever order they finish in.
 */
export async function runOnWorkers<Task, Outcome>(
	workerFile: URL,
	tasks: readonly Task[],
	onDone: (finished: number, total: number) => void,
	threads = availableParallelism(),
	freshWorkerPerTask = false,
): Promise<Outcome[]> {
	const results = new Array<Outcome>(tasks.length);
	let next = 0;
	let finished = 0;
	const workerCount = Math.max(1, Math.min(threads, tasks.length));
	const runWorker = async (): Promise<void> => {
		let worker = new Worker(workerFile);
		try {
			while (next < tasks.length) {
				const index = next++;
				if (freshWorkerPerTask && index >= workerCount) {
					await worker.terminate();
					worker = new Worker(workerFile);
				}
				results[index] = await new Promise<Outcome>((resolve, reject) => {
					worker.once('message', resolve);
					worker.once('error', reject);
					worker.postMessage(tasks[index]);
				});
				worker.removeAllListeners('error');
				onDone(++finished, tasks.length);
			}
		} finally {
			await worker.terminate();
		}
	};
	await Promise.all(Array.from({length: workerCount}, runWorker));
	return results;
}
