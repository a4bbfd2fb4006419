/**
 * Settings that must be in place before React and Ink load, so cli.tsx imports this module first.
 *
 * - React's development build is several times slower per frame; a dashboard is never a dev build.
 * - Ink decides once, at import, whether it runs in CI (any CI/CONTINUOUS_INTEGRATION/CI_* variable)
 *   and then draws no frames at all. A user who opens the dashboard in a real terminal should see it
 *   even inside such an environment, so when both stdin and stdout are terminals those variables are
 *   hidden from Ink (remembered in MEMSIM_CI for anything of ours that wants to know).
 */
process.env['NODE_ENV'] ??= 'production';

if (process.stdout.isTTY === true && process.stdin.isTTY === true) {
	const ciKeys = Object.keys(process.env).filter(key => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
	if (ciKeys.length > 0) process.env['MEMSIM_CI'] = process.env['CI'] ?? '1';
	for (const key of ciKeys) delete process.env[key];
}

export {};
