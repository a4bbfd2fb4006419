import type {LeakKind} from './alerts.js';
import type {LeakContext} from './leak-context.js';

/** One repair: blocks of one site freed on a detector's finding or a user's request. */
export interface RepairRecord {
	readonly event: number;
	readonly kind: LeakKind;
	readonly site: string;
	readonly bytes: number;
	readonly blocks: number;
	readonly description: string;
}

const recentLimit = 64;

/** Every repair, with running totals; each is also announced as a `repair` event. */
export class RepairLog {
	count = 0;
	bytes = 0;
	blocks = 0;
	readonly recent: RepairRecord[] = [];

	constructor(private readonly announce: (record: RepairRecord) => void) {}

	/** Free `handles` (found by a `kind` detector), logging one record per site. */
	repair(context: LeakContext, kind: LeakKind, handles: readonly number[], why: string): void {
		const b = context.heap.blocks;
		const bySite = new Map<number, number[]>();
		for (const h of handles) {
			const group = bySite.get(b.site[h]!);
			if (group) group.push(h);
			else bySite.set(b.site[h]!, [h]);
		}
		for (const [site, group] of bySite) {
			let bytes = 0;
			for (const h of group) {
				bytes += b.request[h]!;
				context.repairBlock(h);
			}
			const name = context.siteName(site) || '(no site)';
			this.record({
				event: context.eventNumber(),
				kind,
				site: context.siteName(site),
				bytes,
				blocks: group.length,
				description: `repair ${kind} ${name}: freed ${group.length} block${group.length === 1 ? '' : 's'}, ${bytes} bytes (${why})`,
			});
		}
	}

	summary() {
		return {count: this.count, bytes: this.bytes, blocks: this.blocks};
	}

	private record(record: RepairRecord): void {
		this.count++;
		this.bytes += record.bytes;
		this.blocks += record.blocks;
		this.recent.push(record);
		if (this.recent.length > recentLimit) this.recent.shift();
		this.announce(record);
	}
}
