/**
 * Tells a worker that stopped answering from one that is busy. Every HEARTBEAT_MS the page pings;
 * any message from the worker counts as an answer (training sends some every 50 ms, and the
 * worker answers a ping between two batches). A ping left unanswered for SILENT_LIMIT_MS means
 * the worker is gone: closed from inside, crashed, or stuck in a loop. When the page itself was
 * asleep (a long task, a background tab's throttled timers), the wait starts over rather than
 * blaming the worker for the page's own delay. Plain timers, so tests drive it with fake ones.
 */
export const HEARTBEAT_MS = 2_000;
/**
 * Long enough for the slowest single thing a live worker does without a break (a validation
 * pass of a wide net on the plain-JavaScript backend takes seconds), short enough that a learner
 * is not left waiting in front of a dead page.
 */
export const SILENT_LIMIT_MS = 20_000;

export interface HeartbeatOptions {
	everyMs?: number;
	limitMs?: number;
	now?: () => number;
}

export class Heartbeat {
	/** When the ping still waiting for an answer was sent; null when the worker has answered. */
	private sentAt: number | null = null;
	private lastTick = 0;
	private timer: ReturnType<typeof setInterval> | null = null;
	private readonly everyMs: number;
	private readonly limitMs: number;
	private readonly now: () => number;

	constructor(
		private readonly ping: () => void,
		/** Called once, with how long the worker has been silent, when it counts as lost. */
		private readonly onSilent: (silentMs: number) => void,
		options: HeartbeatOptions = {}
	) {
		this.everyMs = options.everyMs ?? HEARTBEAT_MS;
		this.limitMs = options.limitMs ?? SILENT_LIMIT_MS;
		this.now = options.now ?? Date.now;
	}

	start(): void {
		if (this.timer !== null) return;
		this.lastTick = this.now();
		this.send(this.lastTick);
		this.timer = setInterval(() => this.tick(), this.everyMs);
	}

	/** The worker said something: it is alive. */
	heard(): void {
		this.sentAt = null;
	}

	stop(): void {
		if (this.timer !== null) clearInterval(this.timer);
		this.timer = null;
	}

	private tick(): void {
		const now = this.now();
		const asleep = now - this.lastTick > 2 * this.everyMs;
		this.lastTick = now;
		if (this.sentAt === null) {
			this.send(now);
		} else if (asleep) {
			// The page could not have read an answer meanwhile: give the worker a fresh wait.
			this.sentAt = now;
		} else if (now - this.sentAt >= this.limitMs) {
			this.stop();
			this.onSilent(now - this.sentAt);
		}
	}

	private send(now: number): void {
		this.sentAt = now;
		this.ping();
	}
}
