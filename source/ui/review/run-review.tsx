import {ProgressLine} from '../../commands/progress.js';
import type {Session} from '../../recording/reader.js';
import {openReplay, type ReplayOverrides} from '../../recording/replay.js';
import {SeekIndex} from '../../recording/seek-index.js';
import {runDashboard} from '../run-dashboard.js';
import {ReviewController} from './review-controller.js';
import {reviewRoot} from './review-root.js';

/**
 * `memsim replay FILE` in a terminal: index the session for seeking (one pass, with a progress line),
 * then the dashboard in review mode from the first event.
 */
export async function runReview(session: Session, overrides: ReplayOverrides, options: {color: boolean}): Promise<void> {
	const progress = new ProgressLine();
	const notes: string[] = [];
	const index = await SeekIndex.build(
		async () => {
			const replay = await openReplay(session, overrides);
			notes.splice(0, notes.length, ...replay.notes);
			return replay;
		},
		{onProgress: (event, end) => progress.update(`indexing ${session.file} for seeking: ${Math.floor((event / Math.max(1, end)) * 100)}% of ${end.toLocaleString('en-US')} events`)},
	);
	progress.done();
	for (const note of notes) process.stderr.write(`memsim: warning: ${note}\n`);
	await index.seek(0);
	const controller = new ReviewController(index, session);
	if (index.limitation) controller.store.note(index.limitation);
	await runDashboard(index.sim, {color: options.color, root: reviewRoot(controller)});
}
