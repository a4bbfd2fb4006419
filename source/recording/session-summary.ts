import {describeProblem, type Session} from './reader.js';
import {openReplay, playReplay} from './replay.js';
import {runSummary} from './run-summary.js';

export interface SessionSummary {
	readonly summary: Record<string, unknown>;
	/** True when the file had no end line and the summary comes from replaying what it holds. */
	readonly replayed: boolean;
	readonly warning?: string;
}

/** The summary a session ended with; for a cut-off session, the summary of replaying what it holds. */
export async function sessionSummary(session: Session): Promise<SessionSummary> {
	const warning = describeProblem(session);
	if (session.end) return {summary: session.end.summary, replayed: false, warning};
	const replay = await openReplay(session);
	await playReplay(replay);
	return {summary: runSummary(replay.sim), replayed: true, warning};
}
