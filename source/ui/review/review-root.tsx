import {Box, type Key} from 'ink';
import React, {useCallback, useSyncExternalStore} from 'react';
import {App} from '../app.js';
import {TerminalSize, type Size} from '../hooks/terminal-size.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import type {DashboardRoot} from '../run-dashboard.js';
import type {ReviewController} from './review-controller.js';
import {matchReviewCommand, reviewHelp} from './review-keys.js';
import {TimelineBar} from './timeline-bar.js';

/** The dashboard gets one line less: the timeline bar takes the last one. */
const withoutBar = ({columns, rows}: Size): Size => ({columns, rows: Math.max(1, rows - 1)});

/** `memsim replay FILE`: the dashboard over the replay, `REVIEW` in the header and the timeline bar below. */
export function reviewRoot(controller: ReviewController): DashboardRoot {
	let off = () => {};
	return {
		start: () => controller.start(),
		stop: () => {
			controller.stop();
			off();
		},
		render(terminal, quit) {
			const inner = new TerminalSize(withoutBar(terminal.getSnapshot()));
			off = terminal.subscribe(() => inner.resize(withoutBar(terminal.getSnapshot())));
			return <ReviewApp controller={controller} terminal={terminal} inner={inner} quit={quit} />;
		},
	};
}

interface ReviewAppProps {
	readonly controller: ReviewController;
	readonly terminal: TerminalSize;
	readonly inner: TerminalSize;
	readonly quit: () => void;
}

function ReviewApp({controller, terminal, inner, quit}: ReviewAppProps) {
	const store = useSyncExternalStore(controller.subscribe, controller.getStore);
	const timeline = useSyncExternalStore(controller.subscribe, controller.getTimeline);
	const {columns} = useTerminalSize(terminal);
	const intercept = useCallback(
		(input: string, key: Key) => {
			const command = matchReviewCommand(input, key);
			if (!command) return false;
			controller.command(command);
			return true;
		},
		[controller],
	);
	return (
		<Box flexDirection="column">
			<App store={store} terminal={inner} quit={quit} intercept={intercept} badge="REVIEW" help={reviewHelp} />
			<TimelineBar state={timeline} width={columns} />
		</Box>
	);
}
