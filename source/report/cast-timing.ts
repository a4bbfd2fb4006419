import type {Session} from '../recording/reader.js';

/** When (ms after the recording started) the session reached an event: from every timeline line. */
export interface TimePoint {
	readonly event: number;
	readonly at: number;
}

/** The session's pace as (event, time) points, both never decreasing. */
export function timePoints(session: Session): TimePoint[] {
	const points: TimePoint[] = [{event: session.header.startEvent, at: 0}];
	for (const line of session.timeline) {
		const last = points[points.length - 1]!;
		if (line.event < last.event) continue;
		points.push({event: line.event, at: Math.max(last.at, line.at)});
	}
	return points;
}

/** The event reached at time `ms` (the last one reached by then; paused stretches stay put). */
export function eventAt(points: readonly TimePoint[], ms: number): number {
	let lo = 0;
	let hi = points.length - 1;
	if (ms >= points[hi]!.at) return points[hi]!.event;
	while (lo < hi - 1) {
		const mid = (lo + hi) >>> 1;
		if (points[mid]!.at <= ms) lo = mid;
		else hi = mid;
	}
	const a = points[lo]!;
	const b = points[hi]!;
	if (b.at === a.at) return a.event;
	return Math.round(a.event + ((ms - a.at) / (b.at - a.at)) * (b.event - a.event));
}

/** The time the session first reached `event`. */
export function timeAt(points: readonly TimePoint[], event: number): number {
	for (let i = 1; i < points.length; i++) {
		const b = points[i]!;
		if (b.event < event) continue;
		const a = points[i - 1]!;
		if (b.event === a.event) return a.at;
		return a.at + ((event - a.event) / (b.event - a.event)) * (b.at - a.at);
	}
	return points[points.length - 1]!.at;
}

/** Frame times over `totalMs`: `fps` a second, fewer when that would exceed `maxFrames`. */
export function frameTimes(totalMs: number, fps = 10, maxFrames = 1500): number[] {
	const step = Math.max(1000 / fps, totalMs / maxFrames);
	const times: number[] = [];
	for (let t = 0; t < totalMs; t += step) times.push(t);
	times.push(totalMs);
	return times;
}
