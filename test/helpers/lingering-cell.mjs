// A cell module for the process-pool test whose process will not go when asked: it stands in for a
// process that hangs at exit (Node 20's exit deadlock), so the pool has to kill it.
process.exit = () => {};
setInterval(() => {}, 1000);

export async function runCell(task) {
	return {value: task.value * 2, pid: process.pid};
}
