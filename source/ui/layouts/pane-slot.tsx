import React from 'react';
import {EventsPane} from '../panes/events.js';
import {FlinkPane} from '../panes/flink.js';
import {GcPane} from '../panes/gc.js';
import {HeapPane} from '../panes/heap-map.js';
import {HostPane} from '../panes/host.js';
import {LeaksPane} from '../panes/leaks.js';
import {SitesPane} from '../panes/sites.js';
import {TrendsPane} from '../panes/trends.js';
import type {DashboardSnapshot, PaneId} from '../store/snapshot.js';
import type {Rect} from './geometry.js';

interface PaneSlotProps {
	readonly id: PaneId;
	readonly rect: Rect;
	readonly snapshot: DashboardSnapshot;
}

/** The pane for an id, given only its own slice. */
export function PaneSlot({id, rect, snapshot}: PaneSlotProps) {
	const common = {width: rect.width, height: rect.height, focused: snapshot.ui.focus === id};
	switch (id) {
		case 'heap':
			return <HeapPane slice={snapshot.heap} {...common} />;
		case 'gc':
			return <GcPane slice={snapshot.gc} {...common} />;
		case 'leaks':
			return <LeaksPane slice={snapshot.leaks} {...common} />;
		case 'sites':
			return <SitesPane slice={snapshot.sites} {...common} />;
		case 'trends':
			return <TrendsPane slice={snapshot.trends} {...common} />;
		case 'flink':
			return snapshot.flink ? <FlinkPane slice={snapshot.flink} {...common} /> : null;
		case 'events':
			return <EventsPane slice={snapshot.events} {...common} />;
		case 'host':
			return <HostPane slice={snapshot.host} {...common} />;
	}
}
