import {fileLineError} from '../commands/input-error.js';

/**
 * Reads Flink configuration text into flat `key → value` entries. One parser covers both formats:
 * the flat `flink-conf.yaml` of Flink 1.x (`taskmanager.memory.process.size: 1728m`) and the standard-YAML
 * `config.yaml` of Flink 1.19+ / 2.x, whose nested maps flatten to dotted keys as Flink flattens them:
 *
 *   taskmanager:
 *     memory:
 *       process:
 *         size: 1728m        →  taskmanager.memory.process.size = 1728m
 *
 * It handles the subset Flink configurations use: nested block maps, plain and quoted scalars, comments,
 * flow lists `[a, b]` and block lists (`- a`), kept as Flink's `a;b` list text, and flow maps `{k: v}`,
 * kept as Flink's `k:v,k2:v2` map text. Anything else (anchors, tags, block scalars, lists of maps) is
 * reported as `FILE:LINE: what is wrong` rather than guessed at. A key written twice keeps its last value.
 */
export function parseFlinkConfig(text: string, file: string): Map<string, string> {
	const entries = new Map<string, string>();
	// Open maps, outermost first; `childIndent` is fixed by the first key inside each.
	const open: Array<{indent: number; path: string; childIndent?: number}> = [{indent: -1, path: ''}];
	let pending: {indent: number; path: string} | undefined; // `key:` with nothing after it yet
	let list: {indent: number; path: string; items: string[]} | undefined;

	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	lines.forEach((rawLine, index) => {
		const lineNumber = index + 1;
		const fail = (what: string) => fileLineError(file, lineNumber, what);
		const content = stripComment(rawLine, fail).trimEnd();
		if (content.trim() === '' || /^(---|\.\.\.)(\s|$)/.test(content)) return;
		const indentText = /^[ \t]*/.exec(content)![0];
		if (indentText.includes('\t')) throw fail('tabs are not allowed in indentation, use spaces');
		const indent = indentText.length;
		const body = content.slice(indent);

		if (body === '-' || body.startsWith('- ')) {
			const item = body.slice(1).trim();
			if (list && indent === list.indent) {
				// another item of the current list
			} else if (pending && indent >= pending.indent) {
				list = {indent, path: pending.path, items: []};
				pending = undefined;
			} else {
				throw fail('a list item must follow a `key:` line');
			}
			if (splitKey(item) !== undefined) throw fail('lists of maps are not supported in a Flink configuration');
			list.items.push(scalar(item, fail));
			return;
		}
		if (list) {
			entries.set(list.path, list.items.join(';'));
			list = undefined;
		}

		const split = splitKey(body);
		if (split === undefined) {
			throw fail(body.includes(':') ? "expected 'key: value' (a space must follow the colon)" : "expected 'key: value'");
		}
		if (pending && indent > pending.indent) {
			open.push({indent: pending.indent, path: pending.path});
		}
		pending = undefined;
		while (open.length > 1 && open.at(-1)!.indent >= indent) open.pop();
		const parent = open.at(-1)!;
		parent.childIndent ??= indent;
		if (indent !== parent.childIndent) throw fail(`bad indentation: expected ${parent.childIndent} spaces, found ${indent}`);

		const key = unquoteKey(split.key, fail);
		const path = parent.path === '' ? key : `${parent.path}.${key}`;
		if (split.value === '') {
			pending = {indent, path};
			return;
		}
		entries.set(path, value(split.value, fail));
	});
	if (list) entries.set(list.path, list.items.join(';'));
	// A trailing `key:` with nothing under it is YAML null: Flink treats the option as not set.
	return entries;
}

type Fail = (what: string) => Error;

/** Drops a comment: `#` at the start or after whitespace, outside quotes. */
function stripComment(line: string, fail: Fail): string {
	let quote: string | undefined;
	for (let i = 0; i < line.length; i++) {
		const char = line[i]!;
		if (quote) {
			if (char === '\\' && quote === '"') i++;
			else if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") {
			// Quotes open a quoted scalar only at its start; `it's` in a plain value is just an apostrophe.
			if (i === 0 || /[\s:[{,-]/.test(line[i - 1]!)) quote = char;
		} else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
			return line.slice(0, i);
		}
	}
	if (quote) throw fail(`unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`);
	return line;
}

/** `key: value` → key and value text; the separator is the first `:` followed by a space or the end. */
function splitKey(body: string): {key: string; value: string} | undefined {
	const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s|$)/.exec(body);
	if (quoted) return {key: quoted[1]!, value: body.slice(quoted[0].length).trim()};
	if (/^["'[{]/.test(body)) return undefined;
	const match = /:(\s|$)/.exec(body);
	if (!match || match.index === 0) return undefined;
	return {key: body.slice(0, match.index).trimEnd(), value: body.slice(match.index + 1).trim()};
}

function unquoteKey(key: string, fail: Fail): string {
	return key.startsWith('"') || key.startsWith("'") ? scalar(key, fail) : key;
}

/** A value: a scalar, a flow list or a flow map. */
function value(text: string, fail: Fail): string {
	if (/^[|>]/.test(text)) throw fail('block scalars (| or >) are not supported, write the value on one line');
	if (/^[&*!]/.test(text)) throw fail('YAML anchors, aliases and tags are not supported');
	if (text.startsWith('[')) {
		if (!text.endsWith(']')) throw fail("unterminated list: expected ']'");
		return splitFlow(text.slice(1, -1), fail)
			.map(item => scalar(item, fail))
			.join(';');
	}
	if (text.startsWith('{')) {
		if (!text.endsWith('}')) throw fail("unterminated map: expected '}'");
		return splitFlow(text.slice(1, -1), fail)
			.map(pair => {
				const split = splitKey(pair);
				if (split === undefined) throw fail(`expected 'key: value' in the map, found '${pair}'`);
				return `${unquoteKey(split.key, fail)}:${scalar(split.value, fail)}`;
			})
			.join(',');
	}
	return scalar(text, fail);
}

/** Items of a flow collection, split at commas outside quotes; nested collections are refused. */
function splitFlow(inner: string, fail: Fail): string[] {
	if (/[[\]{}]/.test(inner.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, ''))) {
		throw fail('nested lists or maps are not supported in a Flink configuration');
	}
	const items: string[] = [];
	let current = '';
	let quote: string | undefined;
	for (let i = 0; i < inner.length; i++) {
		const char = inner[i]!;
		if (quote) {
			if (char === '\\' && quote === '"') current += char + (inner[++i] ?? '');
			else {
				if (char === quote) quote = undefined;
				current += char;
			}
		} else if (char === ',') {
			items.push(current.trim());
			current = '';
		} else {
			if ((char === '"' || char === "'") && current.trim() === '') quote = char;
			current += char;
		}
	}
	if (current.trim() !== '' || items.length > 0) items.push(current.trim());
	return items.filter(item => item !== '');
}

/** A plain, single-quoted or double-quoted scalar, unquoted and unescaped. */
function scalar(text: string, fail: Fail): string {
	if (text.startsWith("'")) {
		const match = /^'((?:[^']|'')*)'$/.exec(text);
		if (!match) throw fail('text after a closing single quote');
		return match[1]!.replace(/''/g, "'");
	}
	if (text.startsWith('"')) {
		const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
		if (!match) throw fail('text after a closing double quote');
		return match[1]!.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => unescape(escape, fail));
	}
	return text;
}

function unescape(escape: string, fail: Fail): string {
	if (escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
	const simple: Record<string, string> = {n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' '};
	const result = simple[escape];
	if (result === undefined) throw fail(`unknown escape \\${escape} in a double-quoted string`);
	return result;
}
