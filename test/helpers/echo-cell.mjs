// A cell module for the process-pool test: doubles a number, says which process did it, or fails on request.
export async function runCell(task) {
	if (task.fail) throw new Error(`cell ${task.value} failed on purpose`);
	return {value: task.value * 2, pid: process.pid};
}
