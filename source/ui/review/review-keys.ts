import type {Key} from 'ink';

/**
 * Review mode's own keys, as data (pause and speed are the dashboard's: space, + and -). They are
 * matched before the dashboard's keymap, so pgup/pgdn seek here rather than scroll a pane.
 */
export type ReviewCommand =
	| {readonly type: 'seekBy'; readonly fraction: number}
	| {readonly type: 'seekTo'; readonly where: 'start' | 'end'}
	| {readonly type: 'mark'; readonly direction: 1 | -1};

interface ReviewBinding {
	readonly matches: (input: string, key: Key) => boolean;
	readonly command: ReviewCommand;
	readonly label: string;
	/** What the `?` overlay says the key does. */
	readonly description: string;
}

const plain = (key: Key) => !key.ctrl && !key.meta;

export const reviewKeymap: readonly ReviewBinding[] = [
	{matches: (_, key) => key.leftArrow && key.shift, command: {type: 'seekBy', fraction: -0.1}, label: 'shift-←', description: 'back a tenth of the recording'},
	{matches: (_, key) => key.rightArrow && key.shift, command: {type: 'seekBy', fraction: 0.1}, label: 'shift-→', description: 'forward a tenth of the recording'},
	{matches: (_, key) => key.leftArrow && !key.shift, command: {type: 'seekBy', fraction: -0.01}, label: '←', description: 'back 1% of the recording'},
	{matches: (_, key) => key.rightArrow && !key.shift, command: {type: 'seekBy', fraction: 0.01}, label: '→', description: 'forward 1% of the recording'},
	{matches: (_, key) => key.pageUp, command: {type: 'seekBy', fraction: -0.1}, label: 'pgup', description: 'back a tenth of the recording'},
	{matches: (_, key) => key.pageDown, command: {type: 'seekBy', fraction: 0.1}, label: 'pgdn', description: 'forward a tenth of the recording'},
	{matches: (_, key) => key.home, command: {type: 'seekTo', where: 'start'}, label: 'home', description: 'to the start'},
	{matches: (_, key) => key.end, command: {type: 'seekTo', where: 'end'}, label: 'end', description: 'to the end'},
	{matches: (input, key) => input === 'n' && plain(key), command: {type: 'mark', direction: 1}, label: 'n', description: 'to the next mark (change, alert, collection)'},
	{matches: (input, key) => input === 'p' && plain(key), command: {type: 'mark', direction: -1}, label: 'p', description: 'to the previous mark'},
];

export function matchReviewCommand(input: string, key: Key): ReviewCommand | undefined {
	return reviewKeymap.find((binding) => binding.matches(input, key))?.command;
}

/** Review's keys for the `?` overlay, from the same table the keys are matched against. */
export const reviewHelp = {title: 'Review', entries: reviewKeymap.map(({label, description}) => ({label, description}))};

/** The hint the timeline bar shows when there is room. */
export const reviewKeysHint = '←/→ 1%  shift-←/→ 10%  home/end  n/p marks  space pause  +/- speed';
