import {LineReader} from '../io/line-reader.js';
import {detectFormat, sniffLines, type TraceFormat} from './detect.js';
import {openMallocLab} from './malloc-lab.js';
import {openMemtrace} from './memtrace.js';
import type {TraceSource} from './trace-source.js';
import {openValgrind} from './valgrind.js';

/** The format of a trace file, read from its first non-blank lines (gzip or not). */
export async function sniffTraceFormat(file: string): Promise<TraceFormat> {
	const reader = await LineReader.open(file);
	const lines: string[] = [];
	try {
		while (lines.length < sniffLines && (reader.next() || (await reader.fill()))) {
			const line = reader.current;
			if (line.trim() !== '') lines.push(line);
		}
	} finally {
		await reader.close();
	}
	return detectFormat(lines, file);
}

/**
 * Opens a trace file as a workload, choosing the parser by content unless `format` is given.
 * Errors are InputErrors naming the file (and line), ready for the CLI to print.
 */
export async function openTrace(file: string, format?: TraceFormat): Promise<TraceSource> {
	switch (format ?? (await sniffTraceFormat(file))) {
		case 'valgrind':
			return openValgrind(file);
		case 'malloc-lab':
			return openMallocLab(file);
		case 'memtrace':
			return openMemtrace(file);
	}
}
