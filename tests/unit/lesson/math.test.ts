import { describe, expect, it } from 'vitest';
import {
	argmax,
	batchClasses,
	contributionMap,
	contributionMaps,
	crossEntropy,
	formatScore,
	histogram,
	logitsFrom,
	logSumExp,
	negLogCurve,
	softmax,
	stats,
	tensorByName
} from '$lib/lesson/math';

/** A tiny "image" of 4 pixels and 3 classes, W row-major [4, 3]. */
const pixels = new Float32Array([0, 0.5, 1, 0.25]);
// prettier-ignore
const weights = new Float32Array([
	// class: 0     1     2
	10, -10, 3, // pixel 0 (background: contributes nothing)
	1, 2, -4, // pixel 1
	-3, 0.5, 2, // pixel 2
	4, 4, 8 // pixel 3
]);
const bias = new Float32Array([0.5, -1, 0]);

describe('contribution maps', () => {
	it('multiplies each pixel by its weight for the class', () => {
		expect(Array.from(contributionMap(pixels, weights, 3, 0))).toEqual([0, 0.5, -3, 1]);
		expect(Array.from(contributionMap(pixels, weights, 3, 2))).toEqual([0, -2, 2, 2]);
	});

	it('gives one map per class', () => {
		const maps = contributionMaps(pixels, weights, 3);
		expect(maps).toHaveLength(3);
		expect(Array.from(maps[1], (v) => v + 0)).toEqual([0, 1, 0.5, 1]);
	});

	it('refuses mismatched shapes and classes', () => {
		expect(() => contributionMap(pixels, weights, 4, 0)).toThrow(RangeError);
		expect(() => contributionMap(pixels, weights, 3, 3)).toThrow(RangeError);
	});
});

describe('logits', () => {
	it('adds each map up and then the bias', () => {
		const { sums, logits } = logitsFrom(pixels, weights, bias, 3);
		expect(sums).toEqual([-1.5, 2.5, 2]);
		expect(logits).toEqual([-1, 1.5, 2]);
	});

	it('matches x @ W + b written as a matrix product, for a full-size random model', () => {
		// Deterministic pseudo-random numbers (a small LCG) standing in for a snapshot.
		let s = 12345;
		const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
		const x = Float32Array.from({ length: 784 }, () => Math.max(0, rand()));
		const W = Float32Array.from({ length: 7840 }, rand);
		const b = Float32Array.from({ length: 10 }, rand);
		const expected = new Float32Array(10);
		for (let c = 0; c < 10; c++) {
			let z = 0;
			for (let i = 0; i < 784; i++) z += x[i] * W[i * 10 + c];
			expected[c] = z + b[c];
		}
		const { logits } = logitsFrom(x, W, b);
		logits.forEach((z, c) => expect(z).toBeCloseTo(expected[c], 3));
	});

	it('refuses a bias of the wrong length', () => {
		expect(() => logitsFrom(pixels, weights, new Float32Array(2), 3)).toThrow(RangeError);
	});

	it('finds the largest logit, first one on ties', () => {
		expect(argmax([-1, 1.5, 2])).toBe(2);
		expect(argmax([3, 3, 1])).toBe(0);
		expect(argmax([])).toBe(-1);
	});
});

describe('softmax and cross-entropy', () => {
	it('gives positive probabilities that add up to 1', () => {
		const p = softmax([-1, 1.5, 2]);
		expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(p.every((v) => v > 0)).toBe(true);
		expect(p[2]).toBeCloseTo(Math.exp(2) / (Math.exp(-1) + Math.exp(1.5) + Math.exp(2)), 12);
	});

	it('is uniform for equal logits: the loss is ln 10', () => {
		const zeros = new Array(10).fill(0);
		expect(softmax(zeros).every((p) => Math.abs(p - 0.1) < 1e-12)).toBe(true);
		expect(crossEntropy(zeros, 3)).toBeCloseTo(Math.log(10), 12);
	});

	it('does not overflow with huge logits, and stays finite when p_y underflows', () => {
		const logits = [1000, -1000, 0];
		const p = softmax(logits);
		expect(p[0]).toBe(1);
		expect(p[1]).toBe(0);
		expect(crossEntropy(logits, 0)).toBeCloseTo(0, 12);
		expect(crossEntropy(logits, 1)).toBeCloseTo(2000, 6);
		expect(logSumExp(logits)).toBeCloseTo(1000, 12);
	});

	it('equals -log of the softmax probability where that is representable', () => {
		const logits = [0.3, -2, 4.1, 1];
		const p = softmax(logits);
		expect(crossEntropy(logits, 1)).toBeCloseTo(-Math.log(p[1]), 12);
	});
});

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

describe('batches in the seed class order', () => {
	const counts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

	it('the first batch of 256 is all 0s', () => {
		expect(batchClasses(counts, 0, 256)).toEqual({ start: 0, end: 256, first: 0, last: 0 });
	});

	it('batch 23 straddles the 0s and the 1s', () => {
		// 23 * 256 = 5888; 5923 zeros, so the batch holds 35 zeros and then 1s.
		expect(batchClasses(counts, 23, 256)).toMatchObject({ first: 0, last: 1 });
	});

	it('the last batch is short and all 9s', () => {
		const last = batchClasses(counts, 234, 256);
		expect(last).toEqual({ start: 59904, end: 60000, first: 9, last: 9 });
	});
});

describe('helpers', () => {
	it('finds a tensor by name', () => {
		const t = { name: 'bias', shape: [3], values: bias };
		expect(tensorByName([t], 'bias')).toBe(t);
		expect(tensorByName(null, 'bias')).toBeNull();
	});

	it('formats scores without hiding small ones', () => {
		expect(formatScore(12.345)).toBe('12.35');
		expect(formatScore(-3.2)).toBe('−3.20');
		expect(formatScore(0.0123)).toBe('0.012');
		expect(formatScore(123.45)).toBe('123.5');
		expect(formatScore(0)).toBe('0.00');
	});
});
