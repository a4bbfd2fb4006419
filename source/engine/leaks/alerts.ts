export type LeakKind = 'unreachable' | 'stale' | 'growth' | 'owner-end' | 'dangling';

/** One leak alert: every finding of one kind at one site, however often the leak repeats. */
export interface LeakAlert {
	readonly kind: LeakKind;
	readonly site: string;
	/** The owner of the first block found (owner-end: the task that ended); '' when none was named. */
	readonly owner: string;
	/** Payload bytes and blocks found so far; a block counts once per kind in its lifetime. Growth: the rise of the site's floor over the trend. */
	readonly bytes: number;
	readonly blocks: number;
	/** Event number of the first finding. */
	readonly firstDetected: number;
	readonly reason: string;
	/** Event number of the last finding that changed the figures. */
	readonly lastUpdated: number;
}

export interface Finding {
	readonly kind: LeakKind;
	readonly site: string;
	readonly owner: string;
	readonly bytes: number;
	readonly blocks: number;
	readonly event: number;
	readonly reason: string;
}

/**
 * Alerts grouped by kind and site, in order of first appearance. Records are immutable and the
 * list is a new array after every change, so a view can compare by identity.
 */
export class AlertBook {
	private readonly byKey = new Map<string, number>();
	private list: LeakAlert[] = [];

	constructor(private readonly announce: (alert: LeakAlert) => void) {}

	all(): readonly LeakAlert[] {
		return this.list;
	}

	/** Add a finding to its alert (or start one, announced once). */
	add(finding: Finding): void {
		this.put(finding, (known) => ({...known, bytes: known.bytes + finding.bytes, blocks: known.blocks + finding.blocks}));
	}

	/** Replace an alert's figures (growth restates its trend rather than adding to it). */
	restate(finding: Finding): void {
		this.put(finding, (known) => ({...known, bytes: finding.bytes, blocks: finding.blocks, reason: finding.reason}));
	}

	has(kind: LeakKind, site: string): boolean {
		return this.byKey.has(`${kind}\n${site}`);
	}

	/** The `leaks` array of `--json`. */
	summary() {
		return this.list.map(({kind, site, owner, bytes, blocks, firstDetected, reason}) => ({kind, site, owner, bytes, blocks, firstDetected, reason}));
	}

	private put(finding: Finding, update: (known: LeakAlert) => Omit<LeakAlert, 'lastUpdated'>): void {
		const key = `${finding.kind}\n${finding.site}`;
		const index = this.byKey.get(key);
		const next = this.list.slice();
		if (index === undefined) {
			const alert: LeakAlert = {
				kind: finding.kind,
				site: finding.site,
				owner: finding.owner,
				bytes: finding.bytes,
				blocks: finding.blocks,
				firstDetected: finding.event,
				reason: finding.reason,
				lastUpdated: finding.event,
			};
			this.byKey.set(key, next.length);
			next.push(alert);
			this.list = next;
			this.announce(alert);
			return;
		}
		next[index] = {...update(next[index]!), lastUpdated: finding.event};
		this.list = next;
	}
}
