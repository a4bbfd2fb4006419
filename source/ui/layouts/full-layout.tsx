import {Box} from 'ink';
import React from 'react';
import type {DashboardSnapshot} from '../store/snapshot.js';
import type {Layout} from './geometry.js';
import {PaneSlot} from './pane-slot.js';

/** 120x36 and up: Heap over Trends (Flink under `--flink`, key `f`) on the left, GC, Leaks and Sites on the right, Events and Host below. */
export function FullLayout({layout, snapshot}: {readonly layout: Layout; readonly snapshot: DashboardSnapshot}) {
	const r = layout.rects;
	return (
		<Box flexDirection="column" height={layout.body.height}>
			<Box flexDirection="row">
				<Box flexDirection="column">
					<PaneSlot id="heap" rect={r.heap!} snapshot={snapshot} />
					<PaneSlot id={snapshot.flink && snapshot.ui.showFlink ? 'flink' : 'trends'} rect={r.trends!} snapshot={snapshot} />
				</Box>
				<Box flexDirection="column">
					<PaneSlot id="gc" rect={r.gc!} snapshot={snapshot} />
					<PaneSlot id="leaks" rect={r.leaks!} snapshot={snapshot} />
					<PaneSlot id="sites" rect={r.sites!} snapshot={snapshot} />
				</Box>
			</Box>
			<Box flexDirection="row">
				<PaneSlot id="events" rect={r.events!} snapshot={snapshot} />
				<PaneSlot id="host" rect={r.host!} snapshot={snapshot} />
			</Box>
		</Box>
	);
}
