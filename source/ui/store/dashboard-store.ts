import type {Change} from '../../engine/changes.js';
import type {Simulation} from '../../engine/simulation.js';
import {FlinkMemory} from '../../flink/sim/flink-memory.js';
import {flinkSlice} from '../../flink/sim/flink-slice.js';
import {EventLog} from './event-log.js';
import {gcSlice, leaksSlice} from './gc-slice.js';
import {describeParams, headerSlice} from './header-slice.js';
import {heapSlice} from './heap-slice.js';
import {HostPoller, noHost, readSystemMemory, type ReadHostMemory} from './host-poller.js';
import {SimLoop} from './sim-loop.js';
import {RateMeter} from './rate-meter.js';
import {SitesTracker} from './sites-slice.js';
import type {DashboardSnapshot, HostSlice, RunState} from './snapshot.js';
import {eventsPerFrame, speedLabel} from './speed.js';
import {TrendHistory} from './trend-history.js';
import {initialView, viewReducer, type ViewAction, type ViewState} from './view-state.js';

export interface StoreOptions {
	/** Milliseconds clock (performance.now by default; tests pass a fake). */
	readonly now?: () => number;
	/** Frame period: 33 ms is 30 frames a second. */
	readonly frameMs?: number;
	/** Host memory reader; null: no host polling (tests, bench). */
	readonly readHost?: ReadHostMemory | null;
	/** Milliseconds between trend samples while running. */
	readonly sampleMs?: number;
	readonly historyCapacity?: number;
	/** Focus, zoom and scrolling to start with (review mode keeps them across a seek). */
	readonly view?: ViewState;
}

/** Frame period while running to the end: fewer frames, more time for the simulation. */
const toEndFrameMs = 100;
/** Time left each frame for input and the terminal after stepping and drawing. */
const slackMs = 4;

/**
 * The dashboard's one store: it owns the simulation loop (a timer stepping events between frames),
 * the history kept for trends, the engine events batched per frame, and the view state. React reads
 * it through `subscribe`/`getSnapshot`; the snapshot is rebuilt at most once per frame, and a slice is
 * a new object only when what it shows changed, so memoised panes skip unchanged frames.
 */
export class DashboardStore {
	readonly loop: SimLoop;
	private readonly listeners = new Set<() => void>();
	private readonly log: EventLog;
	private readonly sites: SitesTracker;
	private readonly history: TrendHistory;
	private readonly rate: RateMeter;
	private readonly now: () => number;
	private readonly frameMs: number;
	private readonly poller: HostPoller | undefined;
	private viewing: ViewState = initialView;
	private host: HostSlice = noHost;
	private snapshot: DashboardSnapshot;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private running = false;
	private dirty = false;
	private lastPublish = Number.NEGATIVE_INFINITY;
	private lastSites = Number.NEGATIVE_INFINITY;
	private drawMs = 5;
	private wasFinished = false;

	constructor(
		readonly sim: Simulation,
		options: StoreOptions = {},
	) {
		this.now = options.now ?? (() => performance.now());
		this.frameMs = options.frameMs ?? 33;
		this.viewing = options.view ?? initialView;
		this.history = new TrendHistory(sim, options.historyCapacity ?? 512, options.sampleMs ?? 250);
		this.loop = new SimLoop(sim, this.now, error => this.afterAsync(error));
		this.log = new EventLog(sim);
		this.sites = new SitesTracker(sim);
		const readHost = options.readHost === undefined ? readSystemMemory : options.readHost;
		if (readHost) this.poller = new HostPoller(readHost, host => this.setHost(host));
		this.rate = new RateMeter(this.now(), sim.eventNumber);
		this.log.add(sim.eventNumber, 'state', `started ${sim.source.name}: ${describeParams(sim)}, ${speedLabel(this.loop.speed, false)}`);
		this.snapshot = this.build();
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): DashboardSnapshot => this.snapshot;

	/** Start the frame timer and the host poller. */
	start(): void {
		if (this.running) return;
		this.running = true;
		this.poller?.start();
		this.schedule(0);
	}

	stop(): void {
		this.running = false;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.poller?.stop();
		this.log.dispose();
	}

	/** One frame: step until the frame's deadline, then publish. Public so tests and the bench drive it. */
	tick(): void {
		const started = this.now();
		const period = this.period();
		const budget = Math.max(2, period - this.drawMs - slackMs);
		let applied = 0;
		try {
			applied = this.loop.advance(started + budget);
		} catch (error) {
			this.fail(error);
		}
		if (applied > 0 || this.dirty || this.loop.finished !== this.wasFinished) {
			this.publish();
			this.measureDraw();
		}
		if (this.running) this.schedule(Math.max(1, started + period - this.now()));
	}

	/** Rebuild the snapshot and tell React, which draws it in a microtask right after. */
	publish(): void {
		this.snapshot = this.build();
		this.dirty = false;
		this.lastPublish = this.now();
		for (const listener of this.listeners) listener();
	}

	/** Something changed outside the loop (a key): publish now unless a frame went out less than a frame ago. */
	invalidate(): void {
		this.dirty = true;
		if (this.now() - this.lastPublish >= this.frameMs) this.publish();
	}

	// --- commands ------------------------------------------------------------------------------------

	togglePause(): void {
		if (this.loop.finished) return;
		this.loop.togglePause();
		this.log.add(this.sim.eventNumber, 'state', this.loop.paused ? 'paused' : 'resumed');
		this.invalidate();
	}

	step(events: number): void {
		if (this.loop.finished) return;
		this.loop.step(events);
		this.invalidate();
	}

	faster(): void {
		this.loop.faster();
		this.invalidate();
	}

	slower(): void {
		this.loop.slower();
		this.invalidate();
	}

	runToEnd(): void {
		if (this.loop.finished) return;
		this.loop.runToEnd();
		this.log.add(this.sim.eventNumber, 'state', 'running to the end at full speed');
		this.invalidate();
	}

	/** Apply a parameter change or an action through the engine's one path; a refusal lands in Events. */
	change(change: Change): void {
		try {
			this.sim.apply(change, 'user');
		} catch (error) {
			const what = change.value === undefined ? change.key : `${change.key} ${change.value}`;
			this.log.add(this.sim.eventNumber, 'error', `${what}: ${(error as Error).message}`);
		}
		this.invalidate();
	}

	/** A line in the Events pane from outside the engine (recording started, stopped; review mode's recorded marks). */
	note(text: string, event = this.sim.eventNumber): void {
		this.log.add(event, 'note', text);
		this.invalidate();
	}

	view(action: ViewAction): void {
		const next = viewReducer(this.viewing, action);
		if (next === this.viewing) return;
		this.viewing = next;
		this.invalidate();
	}

	get viewState(): ViewState {
		return this.viewing;
	}

	// --- internals -----------------------------------------------------------------------------------

	/**
	 * Milliseconds between frames: 30 a second, fewer when running flat out, so that drawing takes at
	 * most a fifth of the time and the simulation keeps most of its headless speed.
	 */
	private period(): number {
		const flatOut = !this.loop.paused && !this.loop.finished && (this.loop.toEnd || !Number.isFinite(eventsPerFrame(this.loop.speed)));
		if (!flatOut) return this.frameMs;
		return Math.max(this.loop.toEnd ? toEndFrameMs : this.frameMs, this.drawMs * 5);
	}

	/** React commits and Ink draws in the microtasks after `publish`; time them to the next macrotask. */
	private measureDraw(): void {
		const started = this.lastPublish;
		setImmediate(() => {
			this.drawMs = this.drawMs * 0.8 + Math.min(500, this.now() - started) * 0.2;
		});
	}

	private schedule(delay: number): void {
		this.timer = setTimeout(() => this.tick(), delay);
	}

	private afterAsync(error?: unknown): void {
		if (error) this.fail(error);
		else this.invalidate();
	}

	private fail(error: unknown): void {
		this.loop.paused = true;
		this.log.add(this.sim.eventNumber, 'error', `simulation stopped: ${(error as Error)?.message ?? String(error)}`);
		this.dirty = true;
	}

	private setHost(host: HostSlice): void {
		this.host = host;
		this.invalidate();
	}

	private state(): RunState {
		if (this.loop.finished) return 'finished';
		return this.loop.paused ? 'paused' : 'running';
	}

	private build(): DashboardSnapshot {
		const now = this.now();
		const previous = this.snapshot as DashboardSnapshot | undefined;
		const sim = this.sim;
		const state = this.state();
		const view = this.viewing;
		const moving = state === 'running';
		const refreshSites =
			!previous ||
			this.loop.finished !== this.wasFinished ||
			previous.sites.rows.length === 0 ||
			now - this.lastSites >= 1000 ||
			previous.sites.grouping !== view.grouping ||
			previous.sites.scroll !== view.scroll.sites;
		if (refreshSites) this.lastSites = now;
		const events = this.log.flush();
		// Under `--flink` the simulation's admission is the FlinkMemory (the partition is chained after it inside the engine).
		const memory = sim.admission instanceof FlinkMemory ? sim.admission : undefined;
		const flink = memory ? flinkSlice(memory, previous?.flink) : undefined;
		const showFlink = flink !== undefined && view.showFlink;
		const justFinished = this.loop.finished && !this.wasFinished;
		if (justFinished) this.sites.stopRates();
		this.wasFinished = this.loop.finished;
		return {
			header: headerSlice(sim, state, moving ? this.rate.update(now, sim.eventNumber) : 0, speedLabel(this.loop.speed, this.loop.toEnd), previous?.header),
			heap: heapSlice(sim, view.scroll.heap, previous?.heap),
			gc: gcSlice(sim, view.scroll.gc, previous?.gc),
			leaks: leaksSlice(sim, view.scroll.leaks, previous?.leaks),
			sites: refreshSites ? this.sites.slice(view.grouping, view.scroll.sites, now, moving) : previous!.sites,
			trends: this.history.slice(now, moving, justFinished),
			flink,
			events:
				previous && previous.events.entries === events && previous.events.scroll === view.scroll.events
					? previous.events
					: {entries: events, scroll: view.scroll.events},
			host: this.host,
			ui:
				previous && previous.ui.focus === view.focus && previous.ui.zoom === view.zoom && previous.ui.help === view.help && previous.ui.showFlink === showFlink
					? previous.ui
					: {focus: view.focus, zoom: view.zoom, help: view.help, showFlink},
		};
	}
}
