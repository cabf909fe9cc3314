import { describe, expect, it } from 'vitest';
import {
	classRanges,
	labelRows,
	shapeText
} from '$content/lessons/01-mnist/steps/02-flatten/labels';
import { formatCount } from '$lib/formatCount';
import { summariseCounts } from '$content/lessons/01-mnist/steps/01-data/counts';

/** MNIST's real training counts per digit. */
const TRAIN = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

describe('formatCount', () => {
	it('writes thousands with commas, like the prose', () => {
		expect(formatCount(60000)).toBe('60,000');
		expect(formatCount(5923)).toBe('5,923');
		expect(formatCount(892)).toBe('892');
		expect(formatCount(NaN)).toBe('–');
	});
});

describe('summariseCounts', () => {
	it('totals the classes and finds the most and least common digit', () => {
		const s = summariseCounts(TRAIN);
		expect(s.total).toBe(60000);
		expect(s.most).toMatchObject({ digit: 1, count: 6742, fraction: 1 });
		expect(s.fewest).toMatchObject({ digit: 5, count: 5421 });
		expect(s.bars[0].fraction).toBeCloseTo(5923 / 6742, 10);
		expect(s.bars.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 10);
	});

	it('copes with empty classes and refuses no classes', () => {
		const s = summariseCounts([0, 0]);
		expect(s.total).toBe(0);
		expect(s.bars.every((b) => b.fraction === 0 && b.share === 0)).toBe(true);
		expect(() => summariseCounts([])).toThrow(RangeError);
	});
});

describe('classRanges', () => {
	it('gives each digit one block of rows in class order', () => {
		const ranges = classRanges(TRAIN);
		expect(ranges[0]).toEqual({ digit: 0, first: 0, last: 5922 });
		expect(ranges[1]).toEqual({ digit: 1, first: 5923, last: 12664 });
		expect(ranges[9]).toEqual({ digit: 9, first: 54051, last: 59999 });
	});
});

describe('labelRows', () => {
	it('shows the head, the chosen class edges and the tail, with gaps between', () => {
		const rows = labelRows(TRAIN, 3);
		expect(rows).toEqual([
			{ row: 0, label: 0 },
			{ row: 1, label: 0 },
			{ row: 2, label: 0 },
			{ gap: true },
			{ row: 18622, label: 2 },
			{ row: 18623, label: 3 },
			{ gap: true },
			{ row: 24753, label: 3 },
			{ row: 24754, label: 4 },
			{ gap: true },
			{ row: 59997, label: 9 },
			{ row: 59998, label: 9 },
			{ row: 59999, label: 9 }
		]);
	});

	it('merges rows that touch the head or the tail', () => {
		const zeros = labelRows(TRAIN, 0);
		expect(zeros.filter((r) => 'gap' in r)).toHaveLength(2);
		expect(zeros.slice(0, 3)).toEqual([
			{ row: 0, label: 0 },
			{ row: 1, label: 0 },
			{ row: 2, label: 0 }
		]);
		const nines = labelRows(TRAIN, 9);
		expect(nines.at(-1)).toEqual({ row: 59999, label: 9 });
		expect(nines.filter((r) => 'gap' in r)).toHaveLength(2);
	});

	it('lists every row of a tiny set without gaps', () => {
		expect(labelRows([2, 1], 1)).toEqual([
			{ row: 0, label: 0 },
			{ row: 1, label: 0 },
			{ row: 2, label: 1 }
		]);
		expect(labelRows([0, 0], 1)).toEqual([]);
	});
});

describe('shapeText', () => {
	it('prints a shape as PyTorch does', () => {
		expect(shapeText([60000, 784])).toBe('[60000, 784]');
		expect(shapeText([60000, 1])).toBe('[60000, 1]');
	});
});
