import {useSyncExternalStore} from 'react';
import type {Size, TerminalSize} from './terminal-size.js';

export function useTerminalSize(terminal: TerminalSize): Size {
	return useSyncExternalStore(terminal.subscribe, terminal.getSnapshot);
}
