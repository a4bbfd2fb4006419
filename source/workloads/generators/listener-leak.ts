import {Op} from '../../engine/events.js';
import {DeathQueue} from './death-queue.js';
import {GeneratorSource} from './generator-source.js';

/** Chance per step that a component registers a listener and forgets it: a slow, steady leak. */
const leakRate = 0.02;
const leakSite = 'listener.register';

/**
 * The most common leak in garbage-collected programs: listeners registered on a long-lived event
 * bus and never removed. They stay reachable from a root, so no collector can reclaim them, but the
 * program never calls or touches them again. Around them the program is healthy: requests are
 * built, used and freed, and proper subscriptions (`subscription.add`) are dispatched to (touched)
 * and removed (unreferenced and freed) when their component unmounts.
 */
export class ListenerLeakWorkload extends GeneratorSource {
	readonly name = 'listener-leak';
	readonly hasGraph = true;
	readonly leakingSites: readonly string[] = [leakSite];
	private readonly busSite = this.sites.intern('event.bus');
	private readonly appSite = this.sites.intern('app.state');
	private readonly requestSite = this.sites.intern('request.ctx');
	private readonly bodySite = this.sites.intern('request.body');
	private readonly subscriptionSite = this.sites.intern('subscription.add');
	private readonly listenerSite = this.sites.intern(leakSite);
	private bus = -1;
	private app = -1;
	/** Live requests: context id -> its body ids, retired by time. */
	private readonly requests = new Map<number, number[]>();
	private readonly requestEnds = new DeathQueue();
	private readonly subscriptions: number[] = [];
	private readonly unmounts = new DeathQueue();

	protected step(): void {
		if (this.bus < 0) return this.start();
		this.emit(Op.tick, 0, 1);
		while (this.requestEnds.peekTime() <= this.now) this.finishRequest(this.requestEnds.pop());
		while (this.unmounts.peekTime() <= this.now) this.unsubscribe(this.unmounts.pop());
		this.handleRequest();
		if (this.rng.chance(0.1)) this.subscribe();
		this.dispatch();
		if (this.rng.chance(leakRate)) {
			const listener = this.newId();
			this.emit(Op.alloc, listener, this.rng.int(64, 160), this.listenerSite);
			this.emit(Op.ref, this.bus, listener);
		}
	}

	private start(): void {
		this.bus = this.newId();
		this.app = this.newId();
		this.emit(Op.alloc, this.bus, 1024, this.busSite);
		this.emit(Op.root, this.bus);
		this.emit(Op.alloc, this.app, 2048, this.appSite);
		this.emit(Op.root, this.app);
	}

	private handleRequest(): void {
		const ctx = this.newId();
		this.emit(Op.alloc, ctx, 256, this.requestSite);
		this.emit(Op.ref, this.app, ctx);
		const bodies: number[] = [];
		for (let i = this.rng.int(1, 3); i > 0; i--) {
			const body = this.newId();
			this.emit(Op.alloc, body, this.rng.int(128, 4096), this.bodySite);
			this.emit(Op.ref, ctx, body);
			bodies.push(body);
		}
		this.requests.set(ctx, bodies);
		this.requestEnds.add(this.now + this.rng.int(1, 20), ctx);
	}

	private finishRequest(ctx: number): void {
		const bodies = this.requests.get(ctx)!;
		this.requests.delete(ctx);
		this.emit(Op.touch, ctx);
		this.emit(Op.unref, this.app, ctx);
		this.emit(Op.free, ctx);
		for (const body of bodies) this.emit(Op.free, body);
	}

	private subscribe(): void {
		const subscription = this.newId();
		this.emit(Op.alloc, subscription, this.rng.int(64, 160), this.subscriptionSite);
		this.emit(Op.ref, this.bus, subscription);
		this.subscriptions.push(subscription);
		this.unmounts.add(this.now + 1 + Math.floor(this.rng.exponential(300)), subscription);
	}

	private unsubscribe(subscription: number): void {
		this.subscriptions.splice(this.subscriptions.indexOf(subscription), 1);
		this.emit(Op.unref, this.bus, subscription);
		this.emit(Op.free, subscription);
	}

	/** An event on the bus reaches the live subscriptions (a few a step); forgotten listeners are never among them. */
	private dispatch(): void {
		this.emit(Op.touch, this.bus);
		this.emit(Op.touch, this.app);
		if (this.subscriptions.length === 0) return;
		for (let i = 0; i < 3; i++) this.emit(Op.touch, this.rng.pick(this.subscriptions));
	}
}
