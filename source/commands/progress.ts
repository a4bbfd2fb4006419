/**
 * A progress line on stderr for long headless runs: rewritten in place at most five times a second
 * when stderr is a terminal, silent otherwise (so pipes and JSON consumers see nothing of it).
 */
export class ProgressLine {
	private lastWrite = 0;
	private shown = false;
	private readonly enabled: boolean;

	constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
		this.enabled = stream.isTTY === true && process.env['CI'] !== 'true';
	}

	update(text: string, force = false): void {
		if (!this.enabled) return;
		const now = Date.now();
		if (!force && now - this.lastWrite < 200) return;
		this.lastWrite = now;
		const width = (this.stream.columns ?? 80) - 1;
		this.stream.write(`\r\x1b[2K${text.slice(0, width)}`);
		this.shown = true;
	}

	done(): void {
		if (this.shown) this.stream.write('\r\x1b[2K');
		this.shown = false;
	}
}
