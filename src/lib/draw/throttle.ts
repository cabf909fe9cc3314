/**
 * Live classification while drawing: every pen move changes the picture, but the worker only
 * needs the latest one. At most one request is in flight, requests start at most every
 * `intervalMs`, and a picture superseded while waiting is simply skipped (latest wins). The
 * page never waits on it: push() returns at once.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
	now: () => performance.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};

export class LatestThrottle<T> {
	private pending: { value: T } | null = null;
	private running: Promise<void> | null = null;
	private lastStart = -Infinity;

	constructor(
		private readonly work: (value: T) => Promise<void>,
		private readonly intervalMs = 100,
		private readonly clock: Clock = realClock
	) {}

	/** Asks for `value` to be processed; replaces any value still waiting. */
	push(value: T): void {
		this.pending = { value };
		this.running ??= this.loop().finally(() => (this.running = null));
	}

	/** Forgets the value waiting (the one in flight still finishes: callers ignore its answer). */
	cancel(): void {
		this.pending = null;
	}

	/** Resolves when nothing is waiting or running (for tests). */
	async idle(): Promise<void> {
		while (this.running) await this.running;
	}

	private async loop(): Promise<void> {
		while (this.pending) {
			const gap = this.lastStart + this.intervalMs - this.clock.now();
			if (gap > 0) await this.clock.sleep(gap);
			const next = this.pending;
			this.pending = null;
			if (!next) break;
			this.lastStart = this.clock.now();
			try {
				await this.work(next.value);
			} catch {
				// The work reports its own failures (RunState shows them); the next push retries.
			}
		}
	}
}
