import type {Marker} from '../graph/marker.js';
import type {ObjectGraph} from '../graph/object-graph.js';
import type {ReferrerSearch} from '../graph/referrers.js';
import type {Heap} from '../heap.js';
import type {SimulationParams} from '../params.js';
import type {AlertBook} from './alerts.js';
import type {RepairLog} from './repair-log.js';
import type {SiteLedger} from './site-ledger.js';

/** What a leak detector may read and do. Detectors free nothing themselves: repairs go through `repairBlock`. */
export interface LeakContext {
	readonly heap: Heap;
	readonly graph: ObjectGraph;
	readonly marker: Marker;
	readonly referrers: ReferrerSearch;
	readonly alerts: AlertBook;
	readonly repairs: RepairLog;
	readonly ledger: SiteLedger;
	readonly params: SimulationParams;
	eventNumber(): number;
	/** Events plus ticks: the clock staleness is measured in. */
	time(): number;
	/** The workload has sent `touch` events (without them, staleness cannot be told from age). */
	touchesSeen(): boolean;
	siteName(site: number): string;
	ownerName(owner: number): string;
	/** Free a block the program still holds (a repair), with all its bookkeeping. */
	repairBlock(h: number): void;
}
