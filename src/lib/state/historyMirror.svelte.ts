/**
 * The page's copy of a run's weight history (the engine keeps it, see engine/history.ts) and the
 * moment the learner scrubbed to. Pulled slice by slice: only the moments after the newest one
 * known travel, and nothing is sent twice.
 */
import type { EngineClient } from '../engine/client';
import type { HistoryEntry } from '../engine/protocol';
import { indexAtStep, mergeHistory } from '../engine/history';

export class HistoryMirror {
	/** Remembered moments of this run, oldest first, mirrored from the engine's history. */
	entries = $state.raw<HistoryEntry[]>([]);
	/** Index of the entry being shown, or null to follow the live weights. */
	timeline = $state<number | null>(null);
	/** The scrubbed moment, or null while following the live weights. */
	readonly shown = $derived(this.timeline === null ? null : (this.entries[this.timeline] ?? null));
	private pull: Promise<void> = Promise.resolve();

	constructor(private readonly client: () => EngineClient | null) {}

	/** Shows entry `index`, or (null) follows the live weights again. */
	scrub(index: number | null): void {
		this.timeline =
			index === null ? null : Math.max(0, Math.min(Math.round(index), this.entries.length - 1));
	}

	/**
	 * Fetches the moments recorded after the newest one known (`fresh`: forget the old run's
	 * first). Pulls run one at a time: overlapping ones would append the same entries twice.
	 */
	refresh(fresh = false): Promise<void> {
		this.pull = this.pull
			.then(() => this.pullSlice(fresh))
			// Like a failed snapshot, not worth a message: the next pull catches up.
			.catch(() => undefined);
		return this.pull;
	}

	private async pullSlice(fresh: boolean): Promise<void> {
		const client = this.client();
		if (!client) return;
		if (fresh) {
			this.entries = [];
			this.timeline = null;
		}
		const since = this.entries.at(-1)?.step ?? -1;
		const slice = await client.request('history', { since });
		const shownStep = this.shown?.step ?? null;
		this.entries = mergeHistory(this.entries, slice);
		// Thinning shifts the indices: keep showing the same moment (or the nearest before it).
		if (shownStep !== null) this.timeline = indexAtStep(this.entries, shownStep);
	}
}
