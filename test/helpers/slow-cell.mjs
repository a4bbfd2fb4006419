// A cell module that takes a while to load: a task sent before it is ready must still be answered.
await new Promise(resolve => setTimeout(resolve, 300));

export async function runCell(task) {
	return {value: task.value + 1, pid: process.pid};
}
