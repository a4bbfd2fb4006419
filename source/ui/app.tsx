import {Box} from 'ink';
import React, {useMemo} from 'react';
import {useDashboard} from './hooks/use-dashboard.js';
import {type KeyIntercept, useDashboardKeys} from './hooks/use-dashboard-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {TerminalSize} from './hooks/terminal-size.js';
import {CompactLayout} from './layouts/compact-layout.js';
import {FullLayout} from './layouts/full-layout.js';
import {layoutFor} from './layouts/geometry.js';
import {PaneSlot} from './layouts/pane-slot.js';
import {TooSmall} from './layouts/too-small.js';
import {Footer} from './panes/footer.js';
import {Header} from './panes/header.js';
import {type HelpGroup, HelpOverlay} from './panes/help-overlay.js';
import type {DashboardStore} from './store/dashboard-store.js';

interface AppProps {
	readonly store: DashboardStore;
	readonly terminal: TerminalSize;
	readonly quit: () => void;
	/** Keys a mode takes before the dashboard's (recording, review); see source/ui/review/. */
	readonly intercept?: KeyIntercept;
	/** Shown at the start of the header: ● REC, REVIEW. */
	readonly badge?: string;
	/** The mode's own keys for the `?` overlay (review's seeking keys). */
	readonly help?: HelpGroup;
}

/** Picks the layout for the terminal's size; the panes do the rest. */
export function App({store, terminal, quit, intercept, badge, help}: AppProps) {
	const snapshot = useDashboard(store);
	const {columns, rows} = useTerminalSize(terminal);
	const layout = useMemo(() => layoutFor(columns, rows), [columns, rows]);
	useDashboardKeys(store, layout, snapshot, quit, intercept);
	if (layout.kind === 'too-small') return <TooSmall columns={columns} rows={rows} />;
	const {ui} = snapshot;
	let body;
	if (ui.help) body = <HelpOverlay width={layout.body.width} height={layout.body.height} extra={help} />;
	else if (ui.zoom) body = <PaneSlot id={ui.focus} rect={layout.body} snapshot={snapshot} />;
	else if (layout.kind === 'full') body = <FullLayout layout={layout} snapshot={snapshot} />;
	else body = <CompactLayout layout={layout} snapshot={snapshot} />;
	return (
		<Box flexDirection="column" width={layout.columns} height={layout.lines}>
			<Header slice={snapshot.header} width={layout.columns} badge={badge} />
			{body}
			<Footer width={layout.columns} />
		</Box>
	);
}
