import type {AnsiCode, StyledChar, Token} from '@alcalzone/ansi-tokenize';

/** Ink's helpers, passed in so that the output step uses the very copies Ink loads (see ink-output.ts). */
export interface InkHelpers {
	readonly tokenize: (text: string) => Token[];
	readonly styledCharsFromTokens: (tokens: Token[]) => StyledChar[];
	readonly reduceAnsiCodesIncremental: (codes: AnsiCode[], newCodes: AnsiCode[]) => AnsiCode[];
	readonly diffAnsiCodes: (from: AnsiCode[], to: AnsiCode[]) => AnsiCode[];
	readonly ansiCodesToString: (codes: AnsiCode[]) => string;
	readonly stringWidth: (text: string) => number;
	readonly sliceAnsi: (text: string, start: number, end?: number) => string;
}

/** A written line as Ink's cells: character, style number and columns taken (undefined: all 1). */
export interface StyledLine {
	readonly values: readonly string[];
	readonly styles: readonly number[];
	readonly widths: readonly number[] | undefined;
	readonly columns: number;
}

// Bounds on what is kept between frames; a full cache is simply emptied.
const maxLines = 8192;
const maxStyles = 4096;
const maxWidths = 16_384;

/**
 * Characters that are always a grapheme of their own and never join a neighbour (printable ASCII,
 * Latin-1 and Latin Extended, punctuation, arrows, box drawing, blocks, geometric shapes, braille,
 * symbols; test/ui/fast-output.test.tsx checks each against Intl.Segmenter). A line made of these
 * and SGR codes is parsed here; any other line goes through Ink's tokenizer, which segments
 * graphemes with Intl.Segmenter at about a microsecond per character.
 */
export function isLoneGrapheme(c: number): boolean {
	if (c >= 0x20 && c <= 0x7e) return true;
	if (c < 0xa0) return false;
	if (c <= 0x24f) return c !== 0xad;
	return (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2070 && c <= 0x20cf) || (c >= 0x2100 && c <= 0x2bff);
}

/**
 * What Ink 6 recomputes for every line of every frame, kept between frames: each written line as
 * cells, each style set (the SGR codes in force) as a small number, the codes that lead from one
 * style to another, and each character's width. Ink's results, reached faster; never different.
 */
export class StyledLines {
	// Style sets by their codes; number 0 is no style.
	private styleIds = new Map<string, number>([['', 0]]);
	private styleSets: AnsiCode[][] = [[]];
	private between = new Map<number, string>();
	private lines = new Map<string, StyledLine>();
	private readonly widths = new Map<string, number>();
	private readonly sgrTokens = new Map<string, AnsiCode[]>();

	constructor(private readonly ink: InkHelpers) {}

	/** Forget everything once too many styles were seen (only between frames, as a frame holds style numbers); true if it did. */
	trim(): boolean {
		if (this.styleSets.length <= maxStyles) return false;
		this.styleIds = new Map([['', 0]]);
		this.styleSets = [[]];
		this.between = new Map();
		this.lines = new Map();
		return true;
	}

	/** Ink's `tokenize` and `styledCharsFromTokens` for the line, as cells. */
	line(text: string): StyledLine {
		let line = this.lines.get(text);
		if (line === undefined) {
			if (this.lines.size >= maxLines) this.lines.clear();
			line = this.parseSimple(text) ?? this.parseExact(text);
			this.lines.set(text, line);
		}
		return line;
	}

	/** The codes Ink's `styledCharsToString` writes between a cell in one style and the next in another. */
	transition(from: number, to: number): string {
		const key = from * 0x200000 + to;
		let codes = this.between.get(key);
		if (codes === undefined) {
			codes = this.ink.ansiCodesToString(this.ink.diffAnsiCodes(this.styleSets[from]!, this.styleSets[to]!));
			this.between.set(key, codes);
		}
		return codes;
	}

	/** Columns a character takes, as Ink counts them: string-width, at least one. */
	charWidth(value: string): number {
		let width = this.widths.get(value);
		if (width === undefined) {
			if (this.widths.size >= maxWidths) this.widths.clear();
			width = Math.max(1, this.ink.stringWidth(value));
			this.widths.set(value, width);
		}
		return width;
	}

	private styleId(codes: readonly AnsiCode[]): number {
		let key = '';
		for (const code of codes) key += code.code;
		let id = this.styleIds.get(key);
		if (id === undefined) {
			id = this.styleSets.length;
			this.styleSets.push([...codes]);
			this.styleIds.set(key, id);
		}
		return id;
	}

	/** A line of lone graphemes and SGR codes, or undefined for anything else. */
	private parseSimple(text: string): StyledLine | undefined {
		const values: string[] = [];
		const styles: number[] = [];
		let widths: number[] | undefined;
		let codes: AnsiCode[] = [];
		let style = 0;
		let restyled = false;
		let columns = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 0x1b) {
				// An SGR sequence as Ink's tokenizer reads it: ESC [ digits and semicolons m.
				if (text.charCodeAt(i + 1) !== 0x5b) return undefined;
				let end = i + 2;
				for (let d = text.charCodeAt(end); d === 0x3b || (d >= 0x30 && d <= 0x39); d = text.charCodeAt(++end));
				if (text.charCodeAt(end) !== 0x6d) return undefined;
				const tokens = this.codeTokens(text.slice(i, end + 1));
				if (tokens === undefined) return undefined;
				codes = this.ink.reduceAnsiCodesIncremental(codes, tokens);
				restyled = true;
				i = end;
				continue;
			}
			if (!isLoneGrapheme(c)) return undefined;
			if (restyled) {
				style = this.styleId(codes);
				restyled = false;
			}
			const value = text[i]!;
			const width = c < 0x7f ? 1 : this.charWidth(value);
			if (width !== 1 && widths === undefined) widths = values.map(() => 1);
			values.push(value);
			styles.push(style);
			widths?.push(width);
			columns += width;
		}
		return {values, styles, widths, columns};
	}

	/** Ink's tokenizer splits compound codes (`1;31`) into single ones: let it, once per code. */
	private codeTokens(code: string): AnsiCode[] | undefined {
		let tokens = this.sgrTokens.get(code);
		if (tokens === undefined) {
			const all = this.ink.tokenize(code);
			if (all.some(token => token.type !== 'ansi')) return undefined;
			tokens = all as AnsiCode[];
			if (this.sgrTokens.size >= maxStyles) this.sgrTokens.clear();
			this.sgrTokens.set(code, tokens);
		}
		return tokens;
	}

	/** Any line, through Ink's own tokenizer. */
	private parseExact(text: string): StyledLine {
		const chars = this.ink.styledCharsFromTokens(this.ink.tokenize(text));
		const widths = chars.map(char => this.charWidth(char.value));
		return {
			values: chars.map(char => char.value),
			styles: chars.map(char => this.styleId(char.styles)),
			widths,
			columns: widths.reduce((sum, width) => sum + width, 0),
		};
	}
}
