/**
 * Every dashboard key as data: a command, the keys bound to it, and what it does. The help overlay
 * and the footer are generated from this table, and `matchCommand` is the only key matcher, so the
 * keys, their help and their behaviour cannot drift apart.
 */
export const Command = {
	togglePause: 'togglePause',
	stepBatch: 'stepBatch',
	stepOne: 'stepOne',
	faster: 'faster',
	slower: 'slower',
	runToEnd: 'runToEnd',
	nextStrategy: 'nextStrategy',
	previousStrategy: 'previousStrategy',
	nextCollector: 'nextCollector',
	nextReclaim: 'nextReclaim',
	collectNow: 'collectNow',
	triggerDown: 'triggerDown',
	triggerUp: 'triggerUp',
	staleHalve: 'staleHalve',
	staleDouble: 'staleDouble',
	repairNow: 'repairNow',
	toggleRepair: 'toggleRepair',
	compactNow: 'compactNow',
	cycleTuner: 'cycleTuner',
	focusNext: 'focusNext',
	focusPrevious: 'focusPrevious',
	scrollUp: 'scrollUp',
	scrollDown: 'scrollDown',
	pageUp: 'pageUp',
	pageDown: 'pageDown',
	zoom: 'zoom',
	toggleGrouping: 'toggleGrouping',
	toggleFlink: 'toggleFlink',
	toggleRecording: 'toggleRecording',
	help: 'help',
	close: 'close',
	quit: 'quit',
} as const;
export type Command = (typeof Command)[keyof typeof Command];

/** One key: a printable character, or a named key with modifiers (as Ink's useInput reports them). */
export interface KeyBinding {
	readonly input?: string;
	readonly name?: 'tab' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'escape' | 'return';
	readonly ctrl?: boolean;
	readonly shift?: boolean;
}

export interface CommandSpec {
	readonly command: Command;
	readonly keys: readonly KeyBinding[];
	/** How the keys are written in help: "space", "s / S". */
	readonly label: string;
	readonly description: string;
	readonly group: 'Run' | 'Memory' | 'View';
	/** Shown in the footer, in this short form. */
	readonly footer?: string;
	/** The keys as the footer writes them, when not `label`. */
	readonly footerLabel?: string;
}

export const keymap: readonly CommandSpec[] = [
	{command: Command.togglePause, keys: [{input: ' '}], label: 'space', description: 'pause / resume', group: 'Run', footer: 'pause'},
	{command: Command.stepBatch, keys: [{input: '.'}], label: '.', description: 'step one batch (pauses)', group: 'Run', footer: 'step'},
	{command: Command.stepOne, keys: [{input: ','}], label: ',', description: 'step a single event (pauses)', group: 'Run'},
	{command: Command.faster, keys: [{input: '+'}, {input: '='}], label: '+', description: 'faster: more events per frame, up to max', group: 'Run', footer: 'speed', footerLabel: '+/-'},
	{command: Command.slower, keys: [{input: '-'}, {input: '_'}], label: '-', description: 'slower: down to one event per frame', group: 'Run'},
	{command: Command.runToEnd, keys: [{input: '0'}], label: '0', description: 'run to the end as fast as possible', group: 'Run'},
	{command: Command.nextStrategy, keys: [{input: 's'}], label: 's', description: 'next placement strategy', group: 'Memory', footer: 'strategy'},
	{command: Command.previousStrategy, keys: [{input: 'S'}], label: 'S', description: 'previous placement strategy', group: 'Memory'},
	{command: Command.nextCollector, keys: [{input: 'g'}], label: 'g', description: 'next garbage collector', group: 'Memory', footer: 'gc'},
	{command: Command.nextReclaim, keys: [{input: 'm'}], label: 'm', description: 'next reclaim mode: explicit, lazy, gc', group: 'Memory'},
	{command: Command.collectNow, keys: [{input: 'G'}], label: 'G', description: 'collect now', group: 'Memory', footer: 'collect'},
	{command: Command.triggerDown, keys: [{input: '['}], label: '[', description: 'GC trigger threshold -5%', group: 'Memory'},
	{command: Command.triggerUp, keys: [{input: ']'}], label: ']', description: 'GC trigger threshold +5%', group: 'Memory'},
	{command: Command.staleHalve, keys: [{input: 't'}], label: 't', description: 'stale-after: halve', group: 'Memory'},
	{command: Command.staleDouble, keys: [{input: 'T'}], label: 'T', description: 'stale-after: double', group: 'Memory'},
	{command: Command.repairNow, keys: [{input: 'r'}], label: 'r', description: 'repair leaks now', group: 'Memory'},
	{command: Command.toggleRepair, keys: [{input: 'a'}], label: 'a', description: 'auto-repair on / off', group: 'Memory'},
	{command: Command.compactNow, keys: [{input: 'c'}], label: 'c', description: 'compact now', group: 'Memory'},
	{command: Command.cycleTuner, keys: [{input: 'u'}], label: 'u', description: 'next tuner (off, rules, bandit)', group: 'Memory'},
	{command: Command.focusNext, keys: [{name: 'tab', shift: false}], label: 'tab', description: 'focus the next pane', group: 'View', footer: 'focus'},
	{command: Command.focusPrevious, keys: [{name: 'tab', shift: true}], label: 'shift-tab', description: 'focus the previous pane', group: 'View'},
	{command: Command.scrollUp, keys: [{name: 'upArrow'}, {input: 'k'}], label: '↑ / k', description: 'scroll the focused pane up', group: 'View'},
	{command: Command.scrollDown, keys: [{name: 'downArrow'}, {input: 'j'}], label: '↓ / j', description: 'scroll the focused pane down', group: 'View'},
	{command: Command.pageUp, keys: [{name: 'pageUp'}], label: 'pgup', description: 'scroll up a page', group: 'View'},
	{command: Command.pageDown, keys: [{name: 'pageDown'}], label: 'pgdn', description: 'scroll down a page', group: 'View'},
	{command: Command.zoom, keys: [{input: 'z'}], label: 'z', description: 'zoom the focused pane and back', group: 'View', footer: 'zoom'},
	{command: Command.toggleGrouping, keys: [{input: 'o'}], label: 'o', description: 'Sites by site or by owner', group: 'View'},
	{command: Command.toggleFlink, keys: [{input: 'f'}], label: 'f', description: 'Flink / Trends pane (--flink runs)', group: 'View'},
	{command: Command.toggleRecording, keys: [{input: 'R'}], label: 'R', description: 'start / stop recording a session file', group: 'Run'},
	{command: Command.help, keys: [{input: '?'}], label: '?', description: 'this help', group: 'View', footer: 'help'},
	{command: Command.close, keys: [{name: 'escape'}], label: 'esc', description: 'close help / unzoom', group: 'View'},
	{command: Command.quit, keys: [{input: 'q'}, {input: 'c', ctrl: true}], label: 'q / ctrl-c', description: 'quit', group: 'View', footer: 'quit', footerLabel: 'q'},
];
