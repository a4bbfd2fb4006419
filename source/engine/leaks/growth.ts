import {growFloat, growInt} from '../blocks.js';
import type {LeakContext} from './leak-context.js';

/**
 * Growth, after Cork (Jump & McKinley 2007): a site whose live bytes keep rising across K consecutive
 * windows. The series is each window's floor (the site's lowest live bytes in the window), so blocks
 * that come and go inside a window do not count, and a single spike cannot make a trend: the floor
 * must rise K times in a row. A cache that fills up and then evicts at capacity rises while it warms
 * and then stays flat, so it raises nothing once K exceeds its warm-up windows.
 */
export class GrowthDetector {
	/** Events at which the current window began. */
	windowStart = 0;
	private lastFloor = new Float64Array(0);
	private lastBlocks = new Int32Array(0);
	private rises = new Int32Array(0);
	private trendFloor = new Float64Array(0);
	private trendBlocks = new Int32Array(0);
	private windows = 0;

	/** Close the current window and open the next one. */
	closeWindow(context: LeakContext): void {
		const {ledger, params} = context;
		const sites = ledger.siteLimit;
		if (this.lastFloor.length < sites) this.grow(sites);
		for (let s = 0; s < sites; s++) {
			const floor = ledger.floorBytes[s]!;
			if (this.windows > 0 && floor > this.lastFloor[s]!) {
				if (this.rises[s] === 0) {
					this.trendFloor[s] = this.lastFloor[s]!;
					this.trendBlocks[s] = this.lastBlocks[s]!;
				}
				this.rises[s]!++;
			} else {
				this.rises[s] = 0;
			}
			this.lastFloor[s] = floor;
			this.lastBlocks[s] = ledger.liveBlocks[s]!;
			if (this.rises[s]! >= params.growthWindows) this.report(context, s, floor);
		}
		this.windows++;
		this.windowStart = context.eventNumber();
		ledger.startWindow();
	}

	/** Sites whose trend is running now (for repair-now). */
	growingSites(k: number): number[] {
		const sites: number[] = [];
		for (let s = 0; s < this.rises.length; s++) if (this.rises[s]! >= k) sites.push(s);
		return sites;
	}

	private report(context: LeakContext, site: number, floor: number): void {
		const rises = this.rises[site]!;
		const from = this.trendFloor[site]!;
		context.alerts.restate({
			kind: 'growth',
			site: context.siteName(site),
			owner: '',
			bytes: floor - from,
			blocks: Math.max(0, context.ledger.liveBlocks[site]! - this.trendBlocks[site]!),
			event: context.eventNumber(),
			reason: `live bytes rose in each of the last ${rises} windows of ${context.params.leakCheckEvery} events (floor ${from} -> ${floor} bytes)`,
		});
	}

	private grow(sites: number): void {
		this.lastFloor = growFloat(this.lastFloor, sites);
		this.lastBlocks = growInt(this.lastBlocks, sites);
		this.rises = growInt(this.rises, sites);
		this.trendFloor = growFloat(this.trendFloor, sites);
		this.trendBlocks = growInt(this.trendBlocks, sites);
	}
}
