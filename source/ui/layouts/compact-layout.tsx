import {Box} from 'ink';
import React from 'react';
import type {DashboardSnapshot} from '../store/snapshot.js';
import type {Layout} from './geometry.js';
import {PaneSlot} from './pane-slot.js';

/** 80x24 up to the full layout: Heap on top, Leaks and GC side by side below. */
export function CompactLayout({layout, snapshot}: {readonly layout: Layout; readonly snapshot: DashboardSnapshot}) {
	const r = layout.rects;
	return (
		<Box flexDirection="column" height={layout.body.height}>
			<PaneSlot id="heap" rect={r.heap!} snapshot={snapshot} />
			<Box flexDirection="row">
				<PaneSlot id="leaks" rect={r.leaks!} snapshot={snapshot} />
				<PaneSlot id="gc" rect={r.gc!} snapshot={snapshot} />
			</Box>
		</Box>
	);
}
