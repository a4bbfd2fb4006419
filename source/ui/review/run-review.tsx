import type {Session} from '../../recording/reader.js';
import type {ReplayOverrides} from '../../recording/replay.js';

export async function runReview(_session: Session, _overrides: ReplayOverrides, _options: {color: boolean}): Promise<void> {
	throw new Error('review mode: not yet');
}
