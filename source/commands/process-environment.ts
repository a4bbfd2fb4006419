/**
 * Settings that must be in place before React and Ink load, so cli.tsx imports this module first.
 *
 * - React's development build is several times slower per frame; a dashboard is never a dev build.
 * - Ink decides once, at import, whether it runs in CI (any CI/CONTINUOUS_INTEGRATION/CI_* variable)
 *   and then draws no frames at all. A user who opens the dashboard in a real terminal should see it
 *   even inside such an environment, so when both stdin and stdout are terminals those variables are
 *   hidden from Ink (remembered in MEMSIM_CI for anything of ours that wants to know).
 * - A reader that stops early (`memsim strategies | head -1`) closes the pipe: that is the end of the
 *   output, not an error to print with a stack trace.
 */
process.env['NODE_ENV'] ??= 'production';

if (process.stdout.isTTY === true && process.stdin.isTTY === true) {
	const ciKeys = Object.keys(process.env).filter(key => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
	if (ciKeys.length > 0) process.env['MEMSIM_CI'] = process.env['CI'] ?? '1';
	for (const key of ciKeys) delete process.env[key];
}

for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
}

