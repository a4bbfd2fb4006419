import {createFastOutput, type InkOutputClass} from './fast-output.js';

/**
 * Stands in for ink/build/output.js once output-hook.ts has redirected Ink's import of it here.
 * It loads Ink's own Output (which the hook lets through for this module) and Ink's helpers (the
 * hook resolves this module's package imports from Ink's folder, so they are the copies Ink uses),
 * and exports the fast Output built on them: Ink's own Output if any of that fails.
 */
const inkOutputUrl = new URL('./output.js', import.meta.resolve('ink')).href;
const {default: InkOutput} = (await import(inkOutputUrl)) as {default: InkOutputClass};

async function fastOutput(): Promise<InkOutputClass> {
	try {
		const [tokenizer, stringWidth, sliceAnsi] = await Promise.all([import('@alcalzone/ansi-tokenize'), import('string-width'), import('slice-ansi')]);
		const {Output, stats} = createFastOutput(InkOutput, {
			tokenize: tokenizer.tokenize,
			styledCharsFromTokens: tokenizer.styledCharsFromTokens,
			reduceAnsiCodesIncremental: tokenizer.reduceAnsiCodesIncremental,
			diffAnsiCodes: tokenizer.diffAnsiCodes,
			ansiCodesToString: tokenizer.ansiCodesToString,
			stringWidth: stringWidth.default,
			sliceAnsi: sliceAnsi.default,
		});
		// How many frames each path drew, for `memsim bench --ui` (fastOutputStats in fast-output.ts).
		(globalThis as Record<symbol, unknown>)[Symbol.for('memsim.fastOutput')] = stats;
		return Output;
	} catch {
		return InkOutput;
	}
}

export default await fastOutput();
