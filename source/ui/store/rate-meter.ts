/** Events per wall-clock second, measured over windows of at least half a second. */
export class RateMeter {
	private time: number;
	private events: number;
	private perSec = 0;

	constructor(now: number, events: number) {
		this.time = now;
		this.events = events;
	}

	update(now: number, events: number): number {
		const elapsed = now - this.time;
		if (elapsed >= 500) {
			this.perSec = ((events - this.events) * 1000) / elapsed;
			this.time = now;
			this.events = events;
		}
		return this.perSec;
	}
}
