import React, {memo, useMemo} from 'react';
import {formatEventNumber, formatRate} from '../../format/units.js';
import type {Tone} from '../components/color.js';
import {Lines} from '../components/lines.js';
import type {Line} from '../components/spans.js';
import type {HeaderSlice, RunState} from '../store/snapshot.js';

const stateLook: Record<RunState, {mark: string; tone: Tone}> = {
	running: {mark: '▶', tone: 'used'},
	paused: {mark: '❚❚', tone: 'warning'},
	finished: {mark: '■', tone: 'accent'},
};

/**
 * One line: what runs (workload, strategy, collector, reclaim mode) on the left; progress, pace and
 * state on the right. `badge` (● REC while recording, REVIEW in review mode) leads the line.
 */
export function headerLine(slice: HeaderSlice, width: number, badge?: string): Line {
	const wide = width >= 110;
	const what = wide
		? `${slice.workload} · strategy ${slice.strategy} · gc ${slice.collector} · reclaim ${slice.reclaim}`
		: `${slice.workload} · ${slice.strategy} · gc ${slice.collector} · ${slice.reclaim}`;
	const look = stateLook[slice.state];
	const progress = ` ${formatEventNumber(slice.events)} · ${formatRate(slice.eventsPerSec)} · ${wide ? 'speed ' : ''}${slice.speed} · `;
	const state = `${look.mark} ${slice.state}`;
	const brand = wide ? 'memsim ' : '';
	const mark = badge ? `${badge} ` : '';
	const room = Math.max(0, width - progress.length - state.length - brand.length - mark.length);
	const left = what.length > room ? `${what.slice(0, Math.max(0, room - 1))}…` : what.padEnd(room);
	return [{text: mark, tone: 'error', bold: true}, {text: brand, bold: true}, {text: left}, {text: progress}, {text: state, tone: look.tone, bold: true}];
}

export const Header = memo(function Header({slice, width, badge}: {readonly slice: HeaderSlice; readonly width: number; readonly badge?: string}) {
	const lines = useMemo(() => [headerLine(slice, width, badge)], [slice, width, badge]);
	return <Lines lines={lines} width={width} />;
});
