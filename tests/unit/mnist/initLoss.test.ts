import { describe, expect, it } from 'vitest';
import { sequentialBatchDigits } from '$content/lessons/01-mnist/shared/batches';
import { histogram, stats } from '$content/lessons/01-mnist/steps/03-init/weightStats';
import { negLogCurve } from '$content/lessons/01-mnist/steps/05-loss/lossCurve';
import { formatScore } from '$lib/viz/scales';

describe('the -log p curve', () => {
	it('runs from p = e^-maxLoss to p = 1, increasing in p and decreasing in loss', () => {
		const curve = negLogCurve(60, 8);
		expect(curve[0].p).toBeCloseTo(Math.exp(-8), 12);
		expect(curve[0].loss).toBeCloseTo(8, 9);
		expect(curve.at(-1)).toEqual({ p: 1, loss: 0 });
		for (let i = 1; i < curve.length; i++) {
			expect(curve[i].p).toBeGreaterThan(curve[i - 1].p);
			expect(curve[i].loss).toBeLessThan(curve[i - 1].loss);
		}
		expect(curve.length).toBeGreaterThan(50);
	});
});

describe('histogram and stats', () => {
	it('counts every value once in round bins', () => {
		const values = [-1, -0.5, 0, 0, 0.5, 1, 1];
		const bins = histogram(values, 4);
		expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
		for (const b of bins) expect(b.x1).toBeGreaterThan(b.x0);
	});

	it('skips NaN', () => {
		expect(histogram([1, NaN, 2], 2).reduce((n, b) => n + b.count, 0)).toBe(2);
	});

	it('computes mean, population std and range', () => {
		const s = stats([2, 4, 4, 4, 5, 5, 7, 9]);
		expect(s).toEqual({ count: 8, mean: 5, std: 2, min: 2, max: 9 });
		expect(Number.isNaN(stats([]).std)).toBe(true);
	});
});

describe('batches in the notebook’s class order', () => {
	const counts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

	it('the first batch of 256 is all 0s', () => {
		expect(sequentialBatchDigits(counts, 0, 256)).toEqual([{ digit: 0, count: 256 }]);
	});

	it('batch 24 straddles the 0s and the 1s', () => {
		// 23 * 256 = 5888; 5923 zeros, so the batch holds 35 zeros and then 1s.
		expect(sequentialBatchDigits(counts, 5888, 6144)).toEqual([
			{ digit: 0, count: 35 },
			{ digit: 1, count: 221 }
		]);
	});

	it('the last batch is short and all 9s', () => {
		expect(sequentialBatchDigits(counts, 59904, 60160)).toEqual([{ digit: 9, count: 96 }]);
	});
});

describe('helpers', () => {
	it('formats scores without hiding small ones', () => {
		expect(formatScore(12.345)).toBe('12.35');
		expect(formatScore(-3.2)).toBe('−3.20');
		expect(formatScore(0.0123)).toBe('0.012');
		expect(formatScore(123.45)).toBe('123.5');
		expect(formatScore(0)).toBe('0.00');
	});
});
