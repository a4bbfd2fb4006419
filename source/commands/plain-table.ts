/** A table as aligned plain text, for output that is not a terminal (pipes, files, CI logs). */
export function plainTable(rows: Array<Record<string, string>>): string {
	if (rows.length === 0) return '';
	const columns = Object.keys(rows[0]!);
	const widths = columns.map(c => Math.max(c.length, ...rows.map(r => r[c]!.length)));
	const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
	return [line(columns), line(widths.map(w => '-'.repeat(w))), ...rows.map(r => line(columns.map(c => r[c]!)))].join('\n');
}
