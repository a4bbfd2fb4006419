import type {EventEmitter} from 'node:events';

export interface Size {
	readonly columns: number;
	readonly rows: number;
}

interface SizedStream extends Pick<EventEmitter, 'on' | 'off'> {
	readonly columns?: number;
	readonly rows?: number;
}

/**
 * The terminal's size as an external store. `watch` listens to the stream's `resize`; `beforeChange`
 * runs first when the size really changed (the dashboard clears the screen), then the new size is
 * published and the layout re-renders for it.
 */
export class TerminalSize {
	private size: Size;
	private readonly listeners = new Set<() => void>();
	private detach: () => void = () => {};

	constructor(size: Size) {
		this.size = size;
	}

	static watch(stream: SizedStream, beforeChange: () => void = () => {}): TerminalSize {
		const read = (): Size => ({columns: stream.columns || 80, rows: stream.rows || 24});
		const terminal = new TerminalSize(read());
		const onResize = () => {
			const size = read();
			if (size.columns === terminal.size.columns && size.rows === terminal.size.rows) return;
			beforeChange();
			terminal.resize(size);
		};
		stream.on('resize', onResize);
		terminal.detach = () => stream.off('resize', onResize);
		return terminal;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): Size => this.size;

	resize(size: Size): void {
		if (size.columns === this.size.columns && size.rows === this.size.rows) return;
		this.size = size;
		for (const listener of this.listeners) listener();
	}

	dispose(): void {
		this.detach();
	}
}
