import { describe, expect, it } from 'vitest';
import { PIXELS } from '$lib/engine/config';
import type { TensorSnapshot } from '$lib/engine/protocol';
import {
	argmax,
	countOff,
	hiddenLabels,
	contributionMap,
	contributionMaps,
	crossEntropy,
	digitAt,
	logitsFrom,
	logSumExp,
	matrixOf,
	softmax,
	sum,
	tensorByName,
	topIndices
} from '$lib/readout';

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

describe('tensors', () => {
	const snapshots: TensorSnapshot[] = [
		{ name: 'weights', shape: [3, 2], values: Float32Array.from([1, 2, 3, 4, 5, 6]) },
		{ name: 'bias', shape: [2], values: Float32Array.from([0.5, -0.5]) }
	];

	it('finds a snapshot by name', () => {
		expect(tensorByName(snapshots, 'bias')?.values[1]).toBe(-0.5);
		expect(tensorByName(snapshots, 'W1')).toBeNull();
		expect(tensorByName(null, 'bias')).toBeNull();
	});

	it('reads a 2-D snapshot as a matrix and refuses others', () => {
		expect(matrixOf(snapshots)).toMatchObject({ rows: 3, cols: 2 });
		expect(matrixOf(snapshots, 'bias')).toBeNull();
		const broken = [{ name: 'weights', shape: [3, 3], values: new Float32Array(6) }];
		expect(matrixOf(broken)).toBeNull();
	});
});

describe('digitAt', () => {
	it('returns the 784 values of one image in an [n, 784] block', () => {
		const block = new Uint8Array(3 * PIXELS);
		block.fill(7, PIXELS, 2 * PIXELS);
		const digit = digitAt(block, 1);
		expect(digit.length).toBe(PIXELS);
		expect(digit.every((v) => v === 7)).toBe(true);
		expect(digitAt(block, 2)[0]).toBe(0);
	});

	it('refuses an index outside the block', () => {
		const block = new Uint8Array(2 * PIXELS);
		expect(() => digitAt(block, 2)).toThrow(RangeError);
		expect(() => digitAt(block, -1)).toThrow(RangeError);
		expect(() => digitAt(block, 0.5)).toThrow(RangeError);
	});
});

describe('ranking and sums', () => {
	it('topIndices gives the largest first', () => {
		expect(topIndices([0.1, 0.5, 0.2, 0.5, 0], 3)).toEqual([1, 3, 2]);
		expect(topIndices([1], 3)).toEqual([0]);
	});

	it('sums values (ten bias gradients of softmax add up to 0)', () => {
		expect(sum([0.3, -0.1, -0.2])).toBeCloseTo(0, 12);
		expect(sum([1, -0.5, 2])).toBe(2.5);
	});

	it('crossEntropy of probabilities (as logits) is -log p of the label', () => {
		expect(crossEntropy([0.3, 0.6, 0.1].map(Math.log), 0)).toBeCloseTo(-Math.log(0.3), 12);
	});
});

describe('hidden units', () => {
	it('names them from h1', () => {
		expect(hiddenLabels(3)).toEqual(['h1', 'h2', 'h3']);
	});

	it('counts the units ReLU switched off', () => {
		expect(countOff(new Float32Array([0, 1.5, 0, 0.2, 0]))).toBe(3);
		expect(countOff([])).toBe(0);
	});
});
