import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {Command, keymap} from '../../source/ui/keymap/commands.js';
import {matchCommand} from '../../source/ui/keymap/match.js';
import {blockSparkline, brailleSparkline} from '../../source/ui/components/sparkline-text.js';

const none: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
} as Key;

describe('keymap', () => {
	it('has every command once, and every binding matches its own command', () => {
		expect(new Set(keymap.map(spec => spec.command)).size).toBe(Object.keys(Command).length);
		for (const spec of keymap) {
			for (const binding of spec.keys) {
				const key: Key = {...none, ctrl: Boolean(binding.ctrl), shift: Boolean(binding.shift), ...(binding.name ? {[binding.name]: true} : {})};
				expect(matchCommand(binding.input ?? '', key), spec.label).toBe(spec.command);
			}
		}
	});

	it('tells tab from shift-tab and c from ctrl-c', () => {
		expect(matchCommand('', {...none, tab: true})).toBe(Command.focusNext);
		expect(matchCommand('', {...none, tab: true, shift: true})).toBe(Command.focusPrevious);
		expect(matchCommand('c', none)).toBe(Command.compactNow);
		expect(matchCommand('c', {...none, ctrl: true})).toBe(Command.quit);
		expect(matchCommand('x', none)).toBeUndefined();
	});
});

describe('sparklines', () => {
	it('braille: two samples a character, four levels a row, newest on the right', () => {
		expect(brailleSparkline([0, 1, 2, 3, 4], 3, 1, {min: 0, max: 4})).toEqual(['⠀⣠⣾']);
		expect(brailleSparkline([4, 4], 1, 2, {min: 0, max: 8})).toEqual(['⠀', '⣿']);
		expect(brailleSparkline([8, 8], 1, 2, {min: 0, max: 8})).toEqual(['⣿', '⣿']);
		expect(brailleSparkline([], 2, 1)).toEqual(['⠀⠀']);
	});

	it('blocks: one sample a character, zero is blank', () => {
		expect(blockSparkline([0, 1, 2, 4, 8], 6, {max: 8})).toBe('  ▁▂▄█');
	});
});
