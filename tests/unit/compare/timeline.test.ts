import { describe, expect, it } from 'vitest';
import { indexAtEpoch, momentIndex, sharedMoments } from '$lib/compare/timeline';

/** Snapshots at these batches, for a run of `perEpoch` batches an epoch. */
const at = (steps: number[], perEpoch: number) => steps.map((s) => ({ epoch: s / perEpoch }));

describe('sharedMoments', () => {
	it('merges both runs’ moments, oldest first, without repeats', () => {
		const a = at([0, 10, 20, 40], 40);
		const b = at([0, 10, 20, 30, 60], 60);
		expect(sharedMoments(a, b)).toEqual([0, 1 / 6, 0.25, 1 / 3, 0.5, 1]);
	});

	it('counts the same moment computed two ways once', () => {
		expect(sharedMoments([{ epoch: 1 / 3 }], [{ epoch: 2 / 6 }])).toHaveLength(1);
	});

	it('is empty before either run has a moment', () => {
		expect(sharedMoments([], [])).toEqual([]);
	});
});

describe('indexAtEpoch', () => {
	const entries = at([0, 10, 20, 235, 470], 235);

	it('finds the snapshot at or just before the moment', () => {
		expect(indexAtEpoch(entries, 0)).toBe(0);
		expect(indexAtEpoch(entries, 10 / 235)).toBe(1);
		expect(indexAtEpoch(entries, 0.5)).toBe(2);
		expect(indexAtEpoch(entries, 1)).toBe(3);
		expect(indexAtEpoch(entries, 1.99)).toBe(3);
		expect(indexAtEpoch(entries, 7)).toBe(4);
	});

	it('shows a run that has not reached the moment at its newest snapshot', () => {
		expect(indexAtEpoch(at([0, 10], 235), 3)).toBe(1);
	});

	it('gives 0 for an empty history or a moment before the first snapshot', () => {
		expect(indexAtEpoch([], 1)).toBe(0);
		expect(indexAtEpoch(at([10], 235), 0)).toBe(0);
	});

	it('momentIndex keeps a scrubbed moment put as new moments arrive', () => {
		expect(momentIndex([0, 0.5, 1], 0.5)).toBe(1);
		expect(momentIndex([0, 0.25, 0.5, 0.75, 1, 2], 0.5)).toBe(2);
	});
});
