/**
 * What leaves the worker, coalesced to what the page can paint. Batch losses, finished epochs and
 * download progress can come hundreds of times a second (batches of one digit); the page pays for
 * every message, so they wait here at most FLUSH_MS and go as a few messages: the epochs in order,
 * the losses merged into one group (the newest position), the newest download progress of each stage.
 * Anything else (a status change, a reply, an error) first sends what waits, so the page sees
 * events in the order they happened. DOM-free; tested in node with fake timers.
 */
import type { EngineEvent, RunPosition } from './protocol';
import type { Post } from './session';

type LossesEvent = Extract<EngineEvent, { type: 'losses' }>;
type EpochEvent = Extract<EngineEvent, { type: 'epoch' }>;
type ProgressEvent = Extract<EngineEvent, { type: 'dataProgress' }>;

/** At most this long between a coalesced event and its sending: about three frames. */
export const FLUSH_MS = 50;

/** Consecutive loss groups (each starting where the last ended) as one group. */
export function mergeLosses(groups: LossesEvent[], position: RunPosition): LossesEvent {
	const first = groups[0];
	if (groups.length === 1) return { ...first, position };
	const values = new Float32Array(groups.reduce((n, g) => n + g.values.length, 0));
	const gradNorms = new Float32Array(groups.reduce((n, g) => n + g.gradNorms.length, 0));
	let v = 0;
	let g = 0;
	for (const group of groups) {
		values.set(group.values, v);
		gradNorms.set(group.gradNorms, g);
		v += group.values.length;
		g += group.gradNorms.length;
	}
	return { ...first, values, gradNorms, position };
}

export class Outbox {
	private losses: LossesEvent[] = [];
	private epochs: EpochEvent[] = [];
	private progress: ProgressEvent | null = null;
	/** The position of the newest coalesced event: what the merged losses report. */
	private position: RunPosition | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly send: Post,
		private readonly flushMs = FLUSH_MS
	) {}

	/** Sends `event` now, or soon together with others of its kind. */
	post: Post = (event, transfer = []) => {
		switch (event.type) {
			case 'losses':
				if (!this.continues(event)) this.sendLosses();
				this.losses.push(event);
				this.position = event.position;
				break;
			case 'epoch':
				this.epochs.push(event);
				this.position = event.position;
				break;
			case 'dataProgress':
				// The last of a stage goes out before the next stage's (the bar ends at every byte).
				if (this.progress && this.progress.progress.stage !== event.progress.stage) this.flush();
				this.progress = event;
				break;
			default:
				this.flush();
				this.send(event, transfer);
				return;
		}
		this.timer ??= setTimeout(() => this.flush(), this.flushMs);
	};

	/** Sends everything waiting, in order: epochs, then the losses, then the download progress. */
	flush(): void {
		if (this.timer !== null) clearTimeout(this.timer);
		this.timer = null;
		for (const epoch of this.epochs) this.send(epoch);
		this.epochs = [];
		this.sendLosses();
		if (this.progress) this.send(this.progress);
		this.progress = null;
	}

	/** Whether `event` carries on the waiting losses (same parameters, the next step). */
	private continues(event: LossesEvent): boolean {
		const last = this.losses.at(-1);
		if (!last) return true;
		return (
			last.firstStep + last.values.length === event.firstStep &&
			last.paramNames.join() === event.paramNames.join()
		);
	}

	private sendLosses(): void {
		if (this.losses.length === 0) return;
		const merged = mergeLosses(this.losses, this.position ?? this.losses.at(-1)!.position);
		this.losses = [];
		this.send(merged, [
			merged.values.buffer as ArrayBuffer,
			merged.gradNorms.buffer as ArrayBuffer
		]);
	}
}
