import React, {memo, useMemo} from 'react';
import {formatEventNumber} from '../../format/units.js';
import {Lines} from '../components/lines.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {Line} from '../components/spans.js';
import type {EventsSlice, LogEntry} from '../store/snapshot.js';

interface EventsPaneProps {
	readonly slice: EventsSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

const kindColors: Record<LogEntry['kind'], string> = {
	change: 'cyan',
	action: 'blue',
	alert: 'red',
	repair: 'green',
	failure: 'yellow',
	state: 'gray',
	error: 'red',
	note: 'magenta',
};

/** The log newest first: event number, kind, what happened. */
export function eventsLines(slice: EventsSlice, height: number): Line[] {
	const entries = slice.entries;
	if (entries.length === 0) return [[{text: 'nothing yet: changes, collections, repairs and alerts appear here', tone: 'muted'}]];
	const start = Math.min(slice.scroll, Math.max(0, entries.length - height));
	const lines: Line[] = [];
	for (let i = entries.length - 1 - start; i >= 0 && lines.length < height; i--) {
		const entry = entries[i]!;
		lines.push([
			{text: formatEventNumber(entry.event).padStart(12), tone: 'muted'},
			{text: ` ${entry.kind.padEnd(7)} `, color: kindColors[entry.kind]},
			{text: entry.text},
		]);
	}
	return lines;
}

/** What happened and when: changes, on-demand collections, repairs, alerts, pauses. */
export const EventsPane = memo(function EventsPane({slice, width, height, focused}: EventsPaneProps) {
	const lines = useMemo(() => eventsLines(slice, height - 2), [slice, height]);
	const newer = Math.min(slice.scroll, Math.max(0, slice.entries.length - (height - 2)));
	return (
		<PaneFrame title="Events" width={width} height={height} focused={focused} note={newer > 0 ? `${newer} newer ↑` : undefined}>
			<Lines lines={lines} width={width - 2} height={height - 2} />
		</PaneFrame>
	);
});
