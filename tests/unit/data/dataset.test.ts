import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchArrays, MnistDataset, sequentialOrder, shuffledOrder } from '$lib/data/dataset';
import { fillPixels, inkIndex } from '$lib/data/inkIndex';
import type { MnistData } from '$lib/data/mnist';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';

const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

function isPermutation(order: Uint32Array, count: number): boolean {
	if (order.length !== count) return false;
	const seen = new Uint8Array(count);
	for (const i of order) {
		if (i >= count || seen[i]) return false;
		seen[i] = 1;
	}
	return true;
}

/**
 * How many digits of each class an order visits; fails on the first place where the classes do
 * not come 0, 1, ..., 9 or a class is not in file order. (One expect per element is slow.)
 */
function classRuns(labels: Uint8Array, order: Uint32Array): number[] {
	const counts = Array(10).fill(0);
	for (let k = 0; k < order.length; k++) {
		const label = labels[order[k]];
		if (k > 0) {
			const previous = labels[order[k - 1]];
			const inOrder = label > previous || (label === previous && order[k] > order[k - 1]);
			if (!inOrder) expect.fail(`position ${k}: digit ${order[k]} (a ${label}) is out of order`);
		}
		counts[label]++;
	}
	return counts;
}

describe('sequentialOrder (the notebook order)', () => {
	it('puts all 0s first, then all 1s, ..., each class in file order', () => {
		const order = sequentialOrder(data.trainLabels);
		expect(isPermutation(order, 60000)).toBe(true);
		expect(classRuns(data.trainLabels, order)).toEqual(TRAIN_COUNTS);
		// The first 0 in the training file is digit 1 (digit 0 is a 5).
		expect(data.trainLabels[0]).toBe(5);
		expect(order[0]).toBe(1);
	});

	it('orders the test set the same way', () => {
		const order = sequentialOrder(data.testLabels);
		expect(isPermutation(order, 10000)).toBe(true);
		expect(classRuns(data.testLabels, order)).toEqual(TEST_COUNTS);
	});

	it('uses only the first count digits when given a count', () => {
		const order = sequentialOrder(data.trainLabels, 100);
		expect(isPermutation(order, 100)).toBe(true);
		const counts = classRuns(data.trainLabels, order);
		const expected = Array(10).fill(0);
		for (let i = 0; i < 100; i++) expected[data.trainLabels[i]]++;
		expect(counts).toEqual(expected);
	});

	it('works on a hand-made label list', () => {
		expect(Array.from(sequentialOrder(new Uint8Array([2, 0, 1, 0, 2, 9])))).toEqual([
			1, 3, 2, 0, 4, 5
		]);
	});
});

describe('shuffledOrder', () => {
	it('is a permutation of 0..count-1, not the identity', () => {
		const order = shuffledOrder(60000, 1, 0);
		expect(isPermutation(order, 60000)).toBe(true);
		let fixed = 0;
		for (let i = 0; i < order.length; i++) if (order[i] === i) fixed++;
		expect(fixed).toBeLessThan(10); // about 1 expected for a random permutation
	});

	it('is rebuilt identically from (seed, epoch)', () => {
		expect(shuffledOrder(1000, 42, 3)).toEqual(shuffledOrder(1000, 42, 3));
	});

	it('differs between epochs and between seeds', () => {
		const base = shuffledOrder(1000, 42, 3);
		expect(shuffledOrder(1000, 42, 4)).not.toEqual(base);
		expect(shuffledOrder(1000, 43, 3)).not.toEqual(base);
	});

	it('mixes the classes: a batch of 256 holds every digit', () => {
		const order = shuffledOrder(60000, 1, 0);
		const classes = new Set(Array.from(order.subarray(0, 256), (i) => data.trainLabels[i]));
		expect(classes.size).toBe(10);
	});
});

describe('MnistDataset', () => {
	it('uses all 60,000 training digits by default, and caps a subset at that', () => {
		expect(new MnistDataset(data).trainCount).toBe(60000);
		expect(new MnistDataset(data, 0).trainCount).toBe(60000);
		expect(new MnistDataset(data, 100000).trainCount).toBe(60000);
		expect(new MnistDataset(data).testCount).toBe(10000);
	});

	it('limits training to the first trainSubset digits in both orders', () => {
		const dataset = new MnistDataset(data, 1000);
		expect(dataset.trainCount).toBe(1000);
		const sequential = dataset.trainOrder('sequential', 1, 0);
		expect(isPermutation(sequential, 1000)).toBe(true);
		classRuns(data.trainLabels, sequential);
		const shuffled = dataset.trainOrder('shuffled', 1, 0);
		expect(isPermutation(shuffled, 1000)).toBe(true);
		expect(shuffled).toEqual(shuffledOrder(1000, 1, 0));
		expect(dataset.trainOrder('shuffled', 1, 1)).not.toEqual(shuffled);
		// The sequential order is the same every epoch.
		expect(dataset.trainOrder('sequential', 1, 5)).toEqual(sequential);
	});

	it('scales pixels to x / 255 in 0..1 and keeps labels aligned', () => {
		const dataset = new MnistDataset(data, 1000);
		const order = dataset.trainOrder('shuffled', 7, 0);
		const { x, y } = dataset.trainBatch(order, 100, 164);
		expect(x).toBeInstanceOf(Float32Array);
		expect(x.length).toBe(64 * 784);
		expect(y).toBeInstanceOf(Int32Array);
		expect(y.length).toBe(64);
		const expectedX = new Float32Array(64 * 784);
		const expectedY: number[] = [];
		for (let row = 0; row < 64; row++) {
			const index = order[100 + row];
			expectedY.push(data.trainLabels[index]);
			for (let p = 0; p < 784; p++) {
				expectedX[row * 784 + p] = data.trainImages[index * 784 + p] / 255;
			}
		}
		expect(Array.from(y)).toEqual(expectedY);
		expect(x).toEqual(expectedX);
		expect(Math.min(...x)).toBe(0);
		expect(Math.max(...x)).toBe(1);
		// Not all black or all white: real ink in between.
		expect(x.some((v) => v > 0 && v < 1)).toBe(true);
	});

	it('serves test batches in class order, and single test digits by file index', () => {
		const dataset = new MnistDataset(data);
		const { x, y } = dataset.testBatch(0, 980 + 10);
		expect(x.length).toBe(990 * 784);
		expect(Array.from(y.subarray(0, 980)).every((label) => label === 0)).toBe(true);
		expect(Array.from(y.subarray(980))).toEqual(Array(10).fill(1));

		const digit = dataset.testDigit(0);
		expect(digit.label).toBe(7);
		expect(digit.pixels.length).toBe(784);
		expect(digit.pixels).toEqual(
			Float32Array.from(data.testImages.subarray(0, 784), (v) => v / 255)
		);
	});
});

describe("reused batch arrays (the training loop's fast path)", () => {
	/** The batch the plain way: every byte / 255, row-major. */
	function plainPixels(images: Uint8Array, order: Uint32Array, start: number, end: number) {
		const out = new Float32Array((end - start) * 784);
		for (let r = 0; r < end - start; r++) {
			for (let p = 0; p < 784; p++) out[r * 784 + p] = images[order[start + r] * 784 + p] / 255;
		}
		return out;
	}

	/** Index of the first element that differs, -1 when none does (toEqual is slow on millions). */
	function firstDifference(a: Float32Array | undefined, b: Float32Array): number {
		if (!a || a.length !== b.length) return 0;
		for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
		return -1;
	}

	it('fills x, x^T and the labels one-hot, and a refill leaves nothing of the batch before', () => {
		const dataset = new MnistDataset(data);
		const order = dataset.trainOrder('shuffled', 3, 0);
		const arrays = batchArrays(96, { x: true, xT: true });
		for (const start of [0, 5000, 59904]) {
			dataset.fillTrainBatch(order, start, start + 96, arrays);
			const expected = plainPixels(data.trainImages, order, start, start + 96);
			expect(firstDifference(arrays.x, expected)).toBe(-1);
			const transposed = new Float32Array(expected.length);
			for (let r = 0; r < 96; r++)
				for (let p = 0; p < 784; p++) transposed[p * 96 + r] = expected[r * 784 + p];
			expect(firstDifference(arrays.xT, transposed)).toBe(-1);
			const labels = Array.from({ length: 96 }, (_, r) => data.trainLabels[order[start + r]]);
			expect(Array.from(arrays.labels)).toEqual(labels);
			const oneHot = new Float32Array(96 * 10);
			labels.forEach((label, r) => (oneHot[r * 10 + label] = 1));
			expect(arrays.oneHot).toEqual(oneHot);
		}
	});

	it('fills test batches in class order, only the layouts asked for', () => {
		const dataset = new MnistDataset(data);
		const arrays = batchArrays(2500, { x: true, xT: false });
		expect(arrays.xT).toBeUndefined();
		dataset.fillTestBatch(7500, 10000, arrays);
		const expected = plainPixels(data.testImages, dataset.testOrder, 7500, 10000);
		expect(firstDifference(arrays.x, expected)).toBe(-1);
		expect(arrays.labels.every((label) => label >= 7)).toBe(true);
	});

	it("indexes every inked pixel once, whatever the images' byte alignment", () => {
		const images = data.testImages.subarray(0, 50 * 784);
		// The same 50 images starting 1 byte into a buffer (not 4-byte aligned).
		const shifted = new Uint8Array(images.length + 1).subarray(1);
		shifted.set(images);
		for (const set of [images, shifted]) {
			const { starts, positions, values } = inkIndex(set);
			expect(inkIndex(set)).toBe(inkIndex(set)); // built once
			expect(starts.length).toBe(51);
			for (let i = 0; i < 50; i++) {
				const inked = [];
				for (let p = 0; p < 784; p++) if (set[i * 784 + p] !== 0) inked.push(p);
				expect(Array.from(positions.subarray(starts[i], starts[i + 1]))).toEqual(inked);
				expect(Array.from(values.subarray(starts[i], starts[i + 1]))).toEqual(
					inked.map((p) => set[i * 784 + p])
				);
			}
		}
		const order = Uint32Array.from({ length: 50 }, (_, i) => 49 - i);
		const x = new Float32Array(50 * 784);
		fillPixels(shifted, order, 0, 50, { x });
		expect(firstDifference(x, plainPixels(images, order, 0, 50))).toBe(-1);
		expect(() => fillPixels(images, order, 0, 50, { x: new Float32Array(10) })).toThrow(RangeError);
	});
});
