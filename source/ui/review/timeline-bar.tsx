import React, {memo, useMemo} from 'react';
import {formatEventNumber} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import type {Line, Span} from '../components/spans.js';
import type {ReviewMark} from './review-marks.js';
import {reviewKeysHint} from './review-keys.js';

export interface TimelineState {
	readonly position: number;
	readonly end: number;
	readonly marks: readonly ReviewMark[];
	/** A seek is running (a re-simulation can take a moment). */
	readonly seeking: boolean;
	/** Why seeking back is slow for this session, if it is. */
	readonly limitation?: string;
}

/**
 * One line: the session as a track, `━` up to the position and `─` after it, `●` at the position,
 * `│` where a recorded change applied and `!` where an alert appeared; then the position in events and
 * percent, and the review keys when there is room.
 */
export function timelineLine(state: TimelineState, width: number): Line {
	const percent = state.end > 0 ? (state.position / state.end) * 100 : 100;
	const where = ` ${formatEventNumber(state.position)} / ${formatEventNumber(state.end)} ${percent.toFixed(1).padStart(5)}%${state.seeking ? ' seeking…' : ''}`;
	const hint = `  ${reviewKeysHint}`;
	const room = width - where.length - 2;
	const showHint = room - hint.length >= 30;
	const trackWidth = Math.max(10, showHint ? room - hint.length : room);
	const cells: Array<{glyph: string; kind: 'past' | 'future' | 'change' | 'alert' | 'here'}> = [];
	const cellOf = (event: number) => (state.end > 0 ? Math.min(trackWidth - 1, Math.floor((event / state.end) * trackWidth)) : trackWidth - 1);
	const here = cellOf(state.position);
	for (let i = 0; i < trackWidth; i++) cells.push(i < here ? {glyph: '━', kind: 'past'} : {glyph: '─', kind: 'future'});
	for (const mark of state.marks) {
		const cell = cells[cellOf(mark.event)]!;
		// An alert wins a shared cell: it is the rarer thing to look for.
		if (mark.kind === 'alert') cells[cellOf(mark.event)] = {glyph: '!', kind: 'alert'};
		else if (cell.kind !== 'alert') cells[cellOf(mark.event)] = {glyph: '│', kind: 'change'};
	}
	cells[here] = {glyph: '●', kind: 'here'};
	const spans: Span[] = [{text: '['}];
	for (const cell of cells) {
		const last = spans[spans.length - 1]!;
		const style = styleOf(cell.kind);
		if (spans.length > 1 && last.tone === style.tone && last.color === style.color && last.bold === style.bold) {
			spans[spans.length - 1] = {...last, text: last.text + cell.glyph};
		} else {
			spans.push({text: cell.glyph, ...style});
		}
	}
	spans.push({text: ']'}, {text: where, bold: true});
	if (showHint) spans.push({text: hint, tone: 'muted'});
	return spans;
}

function styleOf(kind: 'past' | 'future' | 'change' | 'alert' | 'here'): Pick<Span, 'tone' | 'color' | 'bold'> {
	switch (kind) {
		case 'past':
			return {tone: 'accent'};
		case 'future':
			return {tone: 'muted'};
		case 'change':
			return {color: 'yellow', bold: true};
		case 'alert':
			return {tone: 'error', bold: true};
		case 'here':
			return {tone: 'accent', bold: true};
	}
}

export const TimelineBar = memo(function TimelineBar({state, width}: {readonly state: TimelineState; readonly width: number}) {
	const lines = useMemo(() => [timelineLine(state, width)], [state, width]);
	return <Lines lines={lines} width={width} />;
});
