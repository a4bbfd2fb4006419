import {formatBytes} from '../../format/units.js';
import type {Session} from '../../recording/reader.js';

/** A recorded moment review mode can jump to (`n`/`p`) and the timeline bar marks. */
export interface ReviewMark {
	readonly event: number;
	readonly kind: 'change' | 'alert';
	/** As the Events pane writes it. */
	readonly text: string;
}

/** Every recorded change and first alert, in event order. */
export function reviewMarks(session: Session): ReviewMark[] {
	const marks: ReviewMark[] = [];
	for (const line of session.timeline) {
		if (line.type === 'change') {
			marks.push({event: line.event, kind: 'change', text: `${line.description}${line.origin === 'scripted' ? ' (scripted)' : ''}`});
		} else if (line.type === 'alert') {
			const {alert} = line;
			marks.push({event: line.event, kind: 'alert', text: `${alert.kind} leak at ${alert.site || '(no site)'}: ${formatBytes(alert.bytes)} in ${alert.blocks} blocks`});
		}
	}
	return marks.sort((a, b) => a.event - b.event);
}

/** The next mark after `position` (direction 1) or the last one before it (-1). */
export function markFrom(marks: readonly ReviewMark[], position: number, direction: 1 | -1): ReviewMark | undefined {
	if (direction === 1) return marks.find((mark) => mark.event > position);
	for (let i = marks.length - 1; i >= 0; i--) if (marks[i]!.event < position) return marks[i];
	return undefined;
}
