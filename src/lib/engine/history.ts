/**
 * A bounded record of how a run's weights evolved, so that the page can scrub back through
 * training and watch the templates form. Pure (no tfjs): Run reads the tensors back and hands
 * plain copies in, and the page merges the slices it pulls with `mergeHistory`.
 *
 * When: the initial weights (step 0), every 10 batches of the first epoch (where the pictures
 * change most) and the end of every epoch.
 *
 * How many: at most `limit` entries. When one more would not fit, every second entry is dropped
 * (the first, the initial weights, and the newest always stay) and from then on only every second
 * recording moment is kept. So after k thinnings the kept moments are those whose number, in
 * recording order, is a multiple of 2^k, plus the newest: evenly spaced however long the run
 * goes on, and never more than `limit` of them.
 */
import type { HistoryEntry, HistorySlice, TensorSnapshot } from './protocol';

/** The most entries a run keeps. */
export const HISTORY_LIMIT = 200;
/** Snapshot every this many batches during the first epoch. */
export const FIRST_EPOCH_EVERY = 10;
/**
 * A wide net (up to 512 hidden units, 3.2 MB a snapshot) would need 640 MB for 200 entries:
 * such runs keep fewer entries so that the history stays under this many bytes.
 */
export const HISTORY_BUDGET_BYTES = 48 * 1024 * 1024;
/** Even the widest net keeps enough moments to make a timeline worth scrubbing. */
export const MIN_HISTORY_LIMIT = 16;

/**
 * Whether the weights after `step` batches are one of the moments worth keeping. Every epoch has
 * exactly `batchesPerEpoch` batches, so epoch ends are the multiples of it.
 */
export function isSnapshotStep(step: number, batchesPerEpoch: number): boolean {
	if (step === 0 || step % batchesPerEpoch === 0) return true;
	return step < batchesPerEpoch && step % FIRST_EPOCH_EVERY === 0;
}

/**
 * Which recording moment `step` is (0 = the initial weights, 1 = after batch 10, ...), counted
 * as isSnapshotStep schedules them: what a restored history numbers its entries by, so that it
 * thins on from where the saved run was.
 */
export function snapshotOrdinal(step: number, batchesPerEpoch: number): number {
	if (step < batchesPerEpoch) return Math.floor(step / FIRST_EPOCH_EVERY);
	const firstEpochMoments = Math.floor((batchesPerEpoch - 1) / FIRST_EPOCH_EVERY);
	return firstEpochMoments + Math.floor(step / batchesPerEpoch);
}

/** Bytes of the numbers an entry holds (4 per float). */
export function entryBytes(entry: Pick<HistoryEntry, 'weights' | 'gradient'>): number {
	let bytes = entry.gradient?.values.byteLength ?? 0;
	for (const w of entry.weights) bytes += w.values.byteLength;
	return bytes;
}

/** The entry limit for snapshots of this size: HISTORY_LIMIT, unless the byte budget is tighter. */
export function historyLimit(bytesPerEntry: number): number {
	const affordable = Math.floor(HISTORY_BUDGET_BYTES / Math.max(1, bytesPerEntry));
	return Math.min(HISTORY_LIMIT, Math.max(MIN_HISTORY_LIMIT, affordable));
}

interface Kept {
	/** Which recording this was (0 = the initial weights), counting the thinned ones too. */
	ordinal: number;
	entry: HistoryEntry;
}

export class WeightHistory {
	private kept: Kept[] = [];
	private recorded = 0;
	/** Only recordings whose ordinal is a multiple of this stay (the newest always stays). */
	private stride = 1;

	constructor(readonly limit = HISTORY_LIMIT) {
		// With fewer than 3 slots, "first + newest + every second" cannot make room.
		if (!Number.isInteger(limit) || limit < 3) throw new RangeError(`limit must be >= 3: ${limit}`);
	}

	/** Keeps `entry` (the caller gives up its arrays) as the newest moment. */
	record(entry: HistoryEntry): void {
		const newest = this.kept.at(-1);
		if (newest && entry.step <= newest.entry.step) {
			throw new RangeError(`step ${entry.step} is not after the newest (${newest.entry.step})`);
		}
		// The newest entry was kept only for being the newest: off the stride, it now goes.
		if (newest && newest.ordinal % this.stride !== 0) this.kept.pop();
		this.kept.push({ ordinal: this.recorded++, entry });
		if (this.kept.length > this.limit) this.thin();
	}

	/**
	 * Starts again from saved entries (a restored run), numbered by `ordinalOf`: the stride is the
	 * one a live run reaches after that many recordings, so thinning goes on as if it never stopped.
	 * Entries out of order are skipped; the caller gives up their arrays.
	 */
	restore(entries: HistoryEntry[], ordinalOf: (step: number) => number): void {
		const kept: Kept[] = [];
		for (const entry of entries) {
			const ordinal = ordinalOf(entry.step);
			const newest = kept.at(-1);
			if (newest && (ordinal <= newest.ordinal || entry.step <= newest.entry.step)) continue;
			kept.push({ ordinal, entry });
		}
		this.recorded = (kept.at(-1)?.ordinal ?? -1) + 1;
		this.stride = 1;
		while (liveCount(this.recorded, this.stride) > this.limit) this.stride *= 2;
		const last = kept.length - 1;
		this.kept = kept.filter((k, i) => k.ordinal % this.stride === 0 || i === last);
		while (this.kept.length > this.limit) this.thin();
	}

	/** Drops every second entry: the ones off the doubled stride, except the first and newest. */
	private thin(): void {
		this.stride *= 2;
		const last = this.kept.length - 1;
		this.kept = this.kept.filter((k, i) => k.ordinal % this.stride === 0 || i === last);
	}

	get size(): number {
		return this.kept.length;
	}

	/** Every step still kept, oldest first. */
	steps(): number[] {
		return this.kept.map((k) => k.entry.step);
	}

	/** Bytes of weights and gradients held. */
	bytes(): number {
		return this.kept.reduce((sum, k) => sum + entryBytes(k.entry), 0);
	}

	/**
	 * The entries after `since` as copies (replies transfer their buffers to the page, which
	 * would leave this history holding detached, empty arrays), and every step still kept.
	 */
	slice(since: number): HistorySlice {
		return {
			steps: this.steps(),
			entries: this.kept.filter((k) => k.entry.step > since).map((k) => copyEntry(k.entry))
		};
	}
}

/** How many entries a live history keeps after `recorded` recordings at `stride`. */
function liveCount(recorded: number, stride: number): number {
	if (recorded === 0) return 0;
	return Math.ceil(recorded / stride) + ((recorded - 1) % stride === 0 ? 0 : 1);
}

function copySnapshot(s: TensorSnapshot): TensorSnapshot {
	return { name: s.name, shape: s.shape.slice(), values: s.values.slice() };
}

function copyEntry(e: HistoryEntry): HistoryEntry {
	return {
		step: e.step,
		epoch: e.epoch,
		weights: e.weights.map(copySnapshot),
		gradient: e.gradient ? copySnapshot(e.gradient) : null
	};
}

/**
 * The page's side: what it knew, minus the moments the engine has thinned away, plus the new
 * ones. Entries never change once recorded, so nothing is sent twice.
 */
export function mergeHistory(known: HistoryEntry[], slice: HistorySlice): HistoryEntry[] {
	const kept = new Set(slice.steps);
	const merged = known.filter((e) => kept.has(e.step));
	for (const entry of slice.entries) {
		const newest = merged.at(-1)?.step ?? -1;
		if (entry.step > newest && kept.has(entry.step)) merged.push(entry);
	}
	return merged;
}

/** Index of the latest entry at or before `step` (0 if none is): where a scrubbed view lands. */
export function indexAtStep(entries: HistoryEntry[], step: number): number {
	let found = 0;
	for (let i = 0; i < entries.length; i++) {
		if (entries[i].step <= step) found = i;
		else break;
	}
	return found;
}
