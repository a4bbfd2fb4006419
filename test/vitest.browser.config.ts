import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

// Tests that need a real browser (Debian's chromium through playwright-core): `npm run test:browser`.
export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/browser/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		fileParallelism: false,
	},
});
