import {none} from '../blocks.js';
import type {LeakContext} from './leak-context.js';

/**
 * A free of a block that a reachable block still references: the next use through that reference
 * is a use-after-free. No allocator can see this (it knows nothing of references); the object graph
 * can. Checked when the program frees, before the block's edges are dropped.
 */
export function checkDanglingFree(context: LeakContext, h: number): void {
	const referrer = context.referrers.reachableReferrer(h);
	if (referrer === none) return;
	const b = context.heap.blocks;
	const holder = context.siteName(b.site[referrer]!) || 'a block';
	context.alerts.add({
		kind: 'dangling',
		site: context.siteName(b.site[h]!),
		owner: context.ownerName(b.owner[h]!),
		bytes: b.request[h]!,
		blocks: 1,
		event: context.eventNumber(),
		reason: `freed while ${holder} (reachable) still references it`,
	});
}
