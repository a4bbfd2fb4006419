import {growFloat} from './blocks.js';

/**
 * Allocations per site and per owner index, counted as blocks are placed: the Sites pane's allocs/s.
 * Live bytes and blocks per site are the reclamation's site ledger, which hears every release
 * (program frees, collector sweeps, repairs); this class only counts placements, so it needs one
 * hook, in the simulation's single placement path.
 */
export class SiteStats {
	siteAllocs = new Float64Array(64);
	ownerAllocs = new Float64Array(64);

	placed(site: number, owner: number): void {
		if (site >= this.siteAllocs.length) this.siteAllocs = growFloat(this.siteAllocs, capacityFor(site));
		if (owner >= this.ownerAllocs.length) this.ownerAllocs = growFloat(this.ownerAllocs, capacityFor(owner));
		this.siteAllocs[site]!++;
		this.ownerAllocs[owner]!++;
	}
}

function capacityFor(index: number): number {
	let capacity = 64;
	while (capacity <= index) capacity *= 2;
	return capacity;
}
