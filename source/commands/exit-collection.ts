import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection on the main thread, for a process that is about to exit.
 *
 * Node 20 can hang at exit (nodejs/node#54918, fixed only in later releases): the main thread waits in
 * `NodePlatform::DrainTasks` (or joins the platform's threads in `process.exit`) for background tasks,
 * while a background TurboFan job that needed memory waits in `CollectionBarrier::AwaitCollectionBackground`
 * for the main thread to collect. One `memsim run --json` in about 500 hung so, its output already
 * written. Collecting first releases a job already waiting and leaves the heap room enough that none
 * of the jobs still compiling needs a collection in the moments before exit.
 */
export function collectBeforeExit(): void {
	v8.setFlagsFromString('--expose-gc');
	const collect = vm.runInNewContext('gc') as (() => void) | undefined;
	collect?.();
}
