import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {formatEventNumber, formatRate} from '../../format/units.js';
import {Tint, type Tone} from '../components/color.js';
import type {HeaderSlice, RunState} from '../store/snapshot.js';

interface HeaderProps {
	readonly slice: HeaderSlice;
	readonly width: number;
}

const stateLook: Record<RunState, {mark: string; tone: Tone}> = {
	running: {mark: '▶', tone: 'used'},
	paused: {mark: '❚❚', tone: 'warning'},
	finished: {mark: '■', tone: 'accent'},
};

/** One line: what runs (workload, strategy, collector, reclaim), how far, how fast, and its state. */
export const Header = memo(function Header({slice, width}: HeaderProps) {
	const wide = width >= 110;
	const parts = wide
		? [slice.workload, `strategy ${slice.strategy}`, `gc ${slice.collector}`, `reclaim ${slice.reclaim}`]
		: [slice.workload, slice.strategy, `gc ${slice.collector}`, slice.reclaim];
	const look = stateLook[slice.state];
	const right = ` ${formatEventNumber(slice.events)} · ${formatRate(slice.eventsPerSec)} · ${wide ? 'speed ' : ''}${slice.speed} · `;
	return (
		<Box width={width} height={1}>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate">
					<Text bold>memsim</Text> {parts.join(' · ')}
				</Text>
			</Box>
			<Box flexShrink={0}>
				<Text>{right}</Text>
				<Tint tone={look.tone} bold>
					{look.mark} {slice.state}
				</Tint>
			</Box>
		</Box>
	);
});
