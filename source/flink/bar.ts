/**
 * The horizontal drawing of a memory model, like the one in Flink's web UI: one bar for the total process
 * memory, one segment per part with a width proportional to its size, labelled where the label fits,
 * and a line above it grouping the parts (JVM heap, off-heap, JVM). Pure: it lays out columns and
 * returns text; the ink view draws the same layout with coloured backgrounds.
 */

/** A colour both ink (`backgroundColor`) and the plain-text ANSI table below know. */
export type BarColor = 'blue' | 'blueBright' | 'green' | 'magenta' | 'magentaBright' | 'cyan' | 'yellow' | 'red';

export interface BarSegment {
	readonly label: string;
	/** Two or three letters, used when the label does not fit its segment. */
	readonly short: string;
	readonly bytes: bigint;
	readonly color: BarColor;
}

export interface BarGroup {
	readonly label: string;
	/** Indexes of its first and last segment. */
	readonly from: number;
	readonly to: number;
}

export interface LaidSegment {
	readonly segment: BarSegment;
	readonly start: number;
	readonly columns: number;
	/** What is written inside it: the label, the short label, or nothing. */
	readonly text: string;
}

/** Segments shorter than this are widened so that every non-empty part stays visible. */
const MIN_COLUMNS = 3;

/**
 * Columns for each non-empty segment so that they add up to `width`: proportional shares rounded by
 * largest remainder, then widened to a minimum by taking columns from the widest segments.
 */
export function layoutBar(segments: readonly BarSegment[], width: number): LaidSegment[] {
	const visible = segments.filter(segment => segment.bytes > 0n);
	const total = visible.reduce((sum, segment) => sum + segment.bytes, 0n);
	if (total === 0n || visible.length === 0) return [];
	const span = BigInt(Math.max(width, visible.length * MIN_COLUMNS));
	const shares = visible.map((segment, index) => {
		const scaled = segment.bytes * span;
		return {index, columns: Number(scaled / total), remainder: scaled % total};
	});
	let spare = Number(span) - shares.reduce((sum, share) => sum + share.columns, 0);
	for (const share of [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index))) {
		if (spare-- <= 0) break;
		share.columns++;
	}
	for (const share of shares) {
		while (share.columns < MIN_COLUMNS) {
			const widest = shares.reduce((best, candidate) => (candidate.columns > best.columns ? candidate : best));
			widest.columns--;
			share.columns++;
		}
	}
	let start = 0;
	return shares.map(share => {
		const segment = visible[share.index]!;
		// One column is the segment's border in plain text; colour needs none but uses the same text.
		const room = share.columns - 1;
		const text = segment.label.length <= room ? segment.label : segment.short.length <= room ? segment.short : '';
		const laid = {segment, start, columns: share.columns, text};
		start += share.columns;
		return laid;
	});
}

const ANSI_BACKGROUND: Record<BarColor, number> = {
	blue: 44,
	blueBright: 104,
	green: 42,
	magenta: 45,
	magentaBright: 105,
	cyan: 46,
	yellow: 43,
	red: 41,
};

/**
 * The bar as text lines: the group line, the bar, and a legend for short labels. Without colour, `|`
 * marks where each segment starts; with colour, each segment is its background colour in black text.
 */
export function renderBarLines(
	segments: readonly BarSegment[],
	groups: readonly BarGroup[],
	width: number,
	color: boolean,
): string[] {
	const laid = layoutBar(segments, width);
	if (laid.length === 0) return [];
	const bar = color
		? laid.map(part => `\u001B[30;${ANSI_BACKGROUND[part.segment.color]}m${(' ' + part.text).padEnd(part.columns)}\u001B[0m`).join('')
		: laid.map(part => `|${part.text.padEnd(part.columns - 1)}`).join('') + '|';
	const lines = [groupLine(laid, segments, groups), bar];
	const abbreviated = laid.filter(part => part.text !== part.segment.label);
	if (abbreviated.length > 0) {
		lines.push(abbreviated.map(part => `${part.text || '(unlabelled)'} = ${part.segment.label}`).join(', '));
	}
	return lines;
}

/** `+- JVM Heap ----+- Off-Heap ----...+`: each group spans the columns of its segments. */
export function groupLine(laid: readonly LaidSegment[], segments: readonly BarSegment[], groups: readonly BarGroup[]): string {
	const columnsOf = (segment: BarSegment | undefined) => laid.find(part => part.segment === segment);
	let line = '';
	for (const group of groups) {
		const members = segments.slice(group.from, group.to + 1).map(columnsOf).filter(part => part !== undefined);
		if (members.length === 0) continue;
		const start = members[0]!.start;
		const end = members.at(-1)!.start + members.at(-1)!.columns;
		line = line.padEnd(start);
		const inner = end - start - 1;
		const title = inner >= 4 ? `- ${group.label} `.slice(0, inner) : '';
		line += `+${title.padEnd(inner, '-')}`;
	}
	return `${line}+`;
}
