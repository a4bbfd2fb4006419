import {growFloat, growInt} from '../blocks.js';

/**
 * A site's live bytes change by `delta`, and its window floor follows them down. On the columns
 * themselves, so the simulation's plain replay loop, which holds them in locals, shares it.
 */
export function changeLiveBytes(liveBytes: Float64Array, floorBytes: Float64Array, site: number, delta: number): void {
	const live = liveBytes[site]! + delta;
	liveBytes[site] = live;
	if (live < floorBytes[site]!) floorBytes[site] = live;
}

/**
 * Live payload bytes and blocks per allocation site, and live blocks per owner, kept as blocks come
 * and go (a typed-array add per allocation and free). `floorBytes` is each site's lowest live bytes
 * in the current window: the growth detector's series, which ignores a site's in-flight churn and
 * sees only what stays.
 */
export class SiteLedger {
	liveBytes = new Float64Array(64);
	liveBlocks = new Int32Array(64);
	floorBytes = new Float64Array(64);
	ownerBlocks = new Int32Array(64);

	add(site: number, owner: number, bytes: number): void {
		if (site >= this.liveBytes.length || owner >= this.ownerBlocks.length) this.grow(site, owner);
		this.liveBytes[site] = this.liveBytes[site]! + bytes;
		this.liveBlocks[site]!++;
		this.ownerBlocks[owner]!++;
	}

	remove(site: number, owner: number, bytes: number): void {
		changeLiveBytes(this.liveBytes, this.floorBytes, site, -bytes);
		this.liveBlocks[site]!--;
		this.ownerBlocks[owner]!--;
	}

	/** A realloc changed a block's payload by `delta` bytes. */
	resize(site: number, delta: number): void {
		changeLiveBytes(this.liveBytes, this.floorBytes, site, delta);
	}

	/** Sites seen so far (indexes below this may have figures). */
	get siteLimit(): number {
		return this.liveBytes.length;
	}

	/** A new window starts: every floor starts at the site's current live bytes. */
	startWindow(): void {
		this.floorBytes.set(this.liveBytes);
	}

	clear(): void {
		this.liveBytes.fill(0);
		this.liveBlocks.fill(0);
		this.floorBytes.fill(0);
		this.ownerBlocks.fill(0);
	}

	private grow(site: number, owner: number): void {
		let sites = this.liveBytes.length;
		while (sites <= site) sites *= 2;
		if (sites !== this.liveBytes.length) {
			this.liveBytes = growFloat(this.liveBytes, sites);
			this.liveBlocks = growInt(this.liveBlocks, sites);
			this.floorBytes = growFloat(this.floorBytes, sites);
		}
		let owners = this.ownerBlocks.length;
		while (owners <= owner) owners *= 2;
		if (owners !== this.ownerBlocks.length) this.ownerBlocks = growInt(this.ownerBlocks, owners);
	}
}
