/**
 * One timeline for two runs: the scrubber moves through moments measured in epochs (fractional:
 * 0.5 is halfway through the first), and each run shows its own remembered snapshot at or just
 * before that moment. Pure functions: no DOM, no tfjs, tested in node.
 */

/** What a remembered snapshot needs for this: when it was taken, in epochs. */
interface Moment {
	epoch: number;
}

/** Every moment either run remembered, in epochs, oldest first, without repeats. */
export function sharedMoments(a: readonly Moment[], b: readonly Moment[]): number[] {
	const all = [...a, ...b].map((m) => m.epoch).sort((x, y) => x - y);
	// Within a hair counts as the same moment (1/3 from two batch counts), kept as first seen so
	// that indexAtEpoch still finds the snapshot taken exactly then.
	return all.filter((e, i) => i === 0 || e - all[i - 1] > 1e-9);
}

/**
 * Index of the latest entry at or before `epoch` (oldest first), so a run that has not reached
 * the moment yet shows its newest snapshot; 0 when every entry is later (or there are none).
 */
export function indexAtEpoch(entries: readonly Moment[], epoch: number): number {
	let found = 0;
	for (let i = 0; i < entries.length; i++) {
		if (entries[i].epoch <= epoch + 1e-9) found = i;
		else break;
	}
	return found;
}

/** The index in `moments` of the latest moment at or before `epoch` (for keeping a scrub put). */
export function momentIndex(moments: readonly number[], epoch: number): number {
	return indexAtEpoch(
		moments.map((m) => ({ epoch: m })),
		epoch
	);
}
