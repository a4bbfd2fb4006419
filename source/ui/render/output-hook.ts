import {createRequire, register} from 'node:module';

/**
 * Makes Ink 6 draw frames with our Output (fast-output.ts) instead of its own.
 *
 * Why: Ink 6's output step (ink/build/output.js) costs about 2 µs per terminal cell every frame, so
 * a 200x60 dashboard frame spent most of its time there (7-11 ms for an empty frame alone). Ink 7
 * fixes this but needs Node 22, and memsim supports Node 20. Ink has no option to supply an Output,
 * and its package exports hide the file, so a module resolve hook swaps it when Ink imports it:
 * node_modules stays untouched.
 *
 * How: commands import their Ink views through `importDrawing`, which calls `installFastOutput()`
 * before the import (Ink is only ever imported dynamically). It registers this same file as a resolve
 * hook, which Node runs in its module loader thread:
 * - Ink's import of `ink/build/output.js` resolves to ink-output.js instead, except when
 *   ink-output.js itself imports the original to build on it;
 * - ink-output.js's package imports (Ink's own helpers) resolve as if imported from Ink's folder.
 *
 * Fails safe: nothing is registered when Ink is not 6.8.x (its internals may differ), when
 * `module.register` is missing, or when MEMSIM_INK_OUTPUT=ink (Ink's own Output, e.g. to compare);
 * ink-output.js exports Ink's own Output if it cannot build ours, and our Output hands any frame it
 * cannot draw exactly to Ink's own code.
 */
export function installFastOutput(): boolean {
	installed ??= register !== undefined && tryRegister();
	return installed;
}

/**
 * Loads a module that draws with Ink, the hook installed first. Every command that draws imports its
 * view through this: registering starts Node's module-loader thread (about 70 ms), which commands
 * that never draw (`strategies`, `run --json`, `compare --json`) should not pay.
 */
export async function importDrawing<T>(load: () => Promise<T>): Promise<T> {
	installFastOutput();
	return load();
}

let installed: boolean | undefined;

function tryRegister(): boolean {
	if (process.env['MEMSIM_INK_OUTPUT'] === 'ink' || typeof register !== 'function') return false;
	try {
		const {version} = createRequire(import.meta.resolve('ink'))('../package.json') as {version?: unknown};
		if (typeof version !== 'string' || !version.startsWith('6.8.')) return false;
		register(import.meta.url);
		return true;
	} catch {
		return false;
	}
}

// Everything below runs in Node's module loader thread.

interface ResolveContext {
	readonly parentURL?: string;
	readonly conditions?: readonly string[];
}
interface Resolved {
	readonly url: string;
	readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<Resolved>;

const replacement = new URL('./ink-output.js', import.meta.url).href;
let inkOutput: string | undefined;

const isPackageName = (specifier: string) => !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<Resolved> {
	if (context.parentURL === replacement) {
		if (inkOutput !== undefined && isPackageName(specifier)) return nextResolve(specifier, {...context, parentURL: inkOutput});
		return nextResolve(specifier, context);
	}
	const resolved = await nextResolve(specifier, context);
	if (!resolved.url.endsWith('/ink/build/output.js')) return resolved;
	inkOutput = resolved.url;
	return {url: replacement, shortCircuit: true};
}
