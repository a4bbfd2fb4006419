import {Text} from 'ink';
import React, {memo} from 'react';
import {formatEventNumber} from '../../format/units.js';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
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

/** What happened and when, newest first: changes, on-demand collections, repairs, alerts, state. */
export const EventsPane = memo(function EventsPane({slice, width, height, focused}: EventsPaneProps) {
	const lines = Math.max(1, height - 2);
	const entries = slice.entries;
	if (entries.length === 0) {
		return (
			<PaneFrame title="Events" width={width} height={height} focused={focused}>
				<Tint tone="muted">nothing yet: changes, collections, repairs and alerts appear here</Tint>
			</PaneFrame>
		);
	}
	const start = Math.min(slice.scroll, Math.max(0, entries.length - lines));
	const shown: LogEntry[] = [];
	for (let i = entries.length - 1 - start; i >= 0 && shown.length < lines; i--) shown.push(entries[i]!);
	return (
		<PaneFrame title="Events" width={width} height={height} focused={focused} note={start > 0 ? `${start} newer ↑` : undefined}>
			{shown.map((entry, i) => (
				<Text key={entries.length - start - i} wrap="truncate">
					<Tint tone="muted">{formatEventNumber(entry.event).padStart(12)}</Tint> <Tint color={kindColors[entry.kind]}>{entry.kind.padEnd(7)}</Tint> {entry.text}
				</Text>
			))}
		</PaneFrame>
	);
});
