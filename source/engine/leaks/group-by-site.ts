import type {LeakContext} from './leak-context.js';

export interface SiteGroup {
	readonly site: number;
	/** Owner of the first block of the group. */
	readonly owner: number;
	bytes: number;
	blocks: number;
}

/** Sum payload bytes and blocks of `handles` per site, in order of first appearance. */
export function groupBySite(context: LeakContext, handles: Iterable<number>): SiteGroup[] {
	const b = context.heap.blocks;
	const groups = new Map<number, SiteGroup>();
	for (const h of handles) {
		const site = b.site[h]!;
		let group = groups.get(site);
		if (!group) {
			group = {site, owner: b.owner[h]!, bytes: 0, blocks: 0};
			groups.set(site, group);
		}
		group.bytes += b.request[h]!;
		group.blocks++;
	}
	return [...groups.values()];
}

/**
 * Flag `handles` as leaked on the heap map and count those not yet counted for this kind (`bit`)
 * into their site's alert. Returns nothing: the alert book announces first appearances.
 */
export function countFindings(
	context: LeakContext,
	kind: 'unreachable' | 'stale' | 'owner-end',
	bit: number,
	handles: readonly number[],
	reason: (group: SiteGroup) => string,
): void {
	const {graph, heap} = context;
	const fresh: number[] = [];
	for (const h of handles) {
		heap.setLeaked(h, true);
		if ((graph.state[h]! & bit) !== 0) continue;
		graph.setState(h, bit);
		fresh.push(h);
	}
	for (const group of groupBySite(context, fresh)) {
		context.alerts.add({
			kind,
			site: context.siteName(group.site),
			owner: context.ownerName(group.owner),
			bytes: group.bytes,
			blocks: group.blocks,
			event: context.eventNumber(),
			reason: reason(group),
		});
	}
}
