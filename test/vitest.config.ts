import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

// Lives in test/ because the repository's top level is fixed; root points back at the repository.
export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Two cores on CI: end-to-end tests drive real pseudo-terminals and must not starve each other.
		maxWorkers: 2,
		minWorkers: 1,
	},
});
