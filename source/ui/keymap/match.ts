import type {Key} from 'ink';
import {type Command, type KeyBinding, keymap} from './commands.js';

function matches(binding: KeyBinding, input: string, key: Key): boolean {
	if (binding.name !== undefined) {
		if (!key[binding.name]) return false;
		if (binding.shift !== undefined && binding.shift !== key.shift) return false;
		return true;
	}
	if (Boolean(binding.ctrl) !== key.ctrl) return false;
	if (key.meta) return false;
	return binding.input === input;
}

/** The command a key press means, if any: the one matcher for every key of the dashboard. */
export function matchCommand(input: string, key: Key): Command | undefined {
	for (const spec of keymap) {
		for (const binding of spec.keys) if (matches(binding, input, key)) return spec.command;
	}
	return undefined;
}
