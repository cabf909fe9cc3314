/**
 * A restored weight history goes on as if the run had never stopped: the same moments kept, the
 * same thinning afterwards, numbered by the snapshot schedule.
 */
import { describe, expect, it } from 'vitest';
import { isSnapshotStep, snapshotOrdinal, WeightHistory } from '$lib/engine/history';
import type { HistoryEntry } from '$lib/engine/protocol';

function entry(step: number): HistoryEntry {
	const values = new Float32Array(2).fill(step);
	return { step, epoch: step / 47, weights: [{ name: 'w', shape: [2], values }], gradient: null };
}

function moments(batchesPerEpoch: number, lastStep: number): number[] {
	const steps: number[] = [];
	for (let s = 0; s <= lastStep; s++) if (isSnapshotStep(s, batchesPerEpoch)) steps.push(s);
	return steps;
}

describe('snapshotOrdinal', () => {
	it('numbers the recording moments 0, 1, 2, ... in the order isSnapshotStep schedules them', () => {
		for (const batches of [1, 4, 10, 47, 235, 60000]) {
			const steps = moments(batches, batches * 3);
			expect(steps.map((s) => snapshotOrdinal(s, batches))).toEqual(steps.map((_, i) => i));
		}
	});
});

describe('WeightHistory.restore', () => {
	const B = 47;
	const ordinal = (step: number) => snapshotOrdinal(step, B);

	it('keeps what the live history kept, and thins on exactly as it would have', () => {
		const limit = 8;
		const all = moments(B, B * 40);
		const cut = 23;
		const live = new WeightHistory(limit);
		for (const step of all.slice(0, cut)) live.record(entry(step));
		const restored = new WeightHistory(limit);
		restored.restore(live.slice(-1).entries, ordinal);
		expect(restored.steps()).toEqual(live.steps());
		for (const step of all.slice(cut)) {
			live.record(entry(step));
			restored.record(entry(step));
			expect(restored.steps()).toEqual(live.steps());
		}
		expect(restored.size).toBeLessThanOrEqual(limit);
	});

	it('stays within its limit when given more entries than it keeps, and skips ones out of order', () => {
		const restored = new WeightHistory(5);
		const given = moments(B, B * 10).map(entry);
		restored.restore([...given, entry(3)], ordinal);
		expect(restored.size).toBeLessThanOrEqual(5);
		expect(restored.steps()[0]).toBe(0);
		expect(restored.steps().at(-1)).toBe(B * 10);
	});

	it('starts empty from nothing', () => {
		const restored = new WeightHistory(5);
		restored.restore([], ordinal);
		expect(restored.size).toBe(0);
		restored.record(entry(0));
		expect(restored.steps()).toEqual([0]);
	});
});
