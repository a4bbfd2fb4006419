/** The trace formats memsim reads, each with the line `memsim workloads` shows for it. */
export const traceFormats = [
	{name: 'memtrace', description: "memsim's own event text: blocks, references, roots, ticks and tasks (.memtrace)"},
	{name: 'malloc-lab', description: 'CS:APP malloc-lab allocation traces: a header of counts, then a/f/r lines (.rep)'},
	{name: 'valgrind', description: 'logs of valgrind --trace-malloc=yes: every malloc, free and new of a real program'},
] as const;

export type TraceFormat = (typeof traceFormats)[number]['name'];

/** How many non-blank lines detection looks at: valgrind with -q starts straight with trace lines, otherwise with its banner. */
export const sniffLines = 50;

const valgrindPrefix = /^(==|--)[\d:. ]*\d(==|--)/;
const loneInteger = /^\s*\d+\s*$/;

/**
 * Chooses a parser from a file's first non-blank lines, so a trace works whatever it is called
 * (`ls.log`, `run.txt.gz`). The name only breaks the one tie content cannot: a headerless malloc-lab
 * body is also valid memtrace.
 */
export function detectFormat(lines: readonly string[], fileName: string): TraceFormat {
	if (lines.some((line) => valgrindPrefix.test(line))) return 'valgrind';
	const first = lines.find((line) => !line.trimStart().startsWith('#'));
	// No memtrace event is a lone integer, while every malloc-lab header starts with one.
	if (first !== undefined && loneInteger.test(first)) return 'malloc-lab';
	if (/\.rep(\.gz)?$/i.test(fileName) && first?.trimStart().startsWith('memtrace') !== true) return 'malloc-lab';
	// Anything else is read as memtrace, whose parser names the first line it cannot read.
	return 'memtrace';
}
