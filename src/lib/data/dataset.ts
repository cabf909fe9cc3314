/**
 * Batches as the lesson builds them. Pixels stay as bytes (47 MB for the training set instead of
 * 188 MB of floats); each batch's floats (x / 255, the notebook's scaling to 0..1) are made on demand.
 */
import { createRng, shuffleInPlace, STREAM } from '../engine/rng';
import type { BatchOrder } from '../engine/config';
import { CLASSES, PIXELS } from './mnistFiles';
import type { MnistData } from './mnist';

/**
 * The notebook's order: all 0s, then all 1s, ... all 9s, each class in file order. The notebook got
 * it by stacking one folder per digit, and its DataLoader never shuffled, so every batch of 256
 * held (almost) a single class.
 */
export function sequentialOrder(labels: Uint8Array, count = labels.length): Uint32Array {
	const order = new Uint32Array(count);
	let next = 0;
	for (let digit = 0; digit < CLASSES; digit++) {
		for (let i = 0; i < count; i++) if (labels[i] === digit) order[next++] = i;
	}
	return order;
}

/** A fresh permutation for each epoch, rebuilt from (seed, epoch) alone. */
export function shuffledOrder(count: number, seed: number, epoch: number): Uint32Array {
	const order = new Uint32Array(count);
	for (let i = 0; i < count; i++) order[i] = i;
	return shuffleInPlace(order, createRng(seed, STREAM.shuffle + epoch));
}

export class MnistDataset {
	readonly trainCount: number;
	readonly testCount: number;
	private readonly sequentialTrain: Uint32Array;
	readonly testOrder: Uint32Array;

	/** trainSubset > 0 keeps only the first trainSubset training digits in file order. */
	constructor(
		readonly data: MnistData,
		trainSubset = 0
	) {
		const available = data.trainLabels.length;
		this.trainCount = trainSubset > 0 ? Math.min(trainSubset, available) : available;
		this.testCount = data.testLabels.length;
		this.sequentialTrain = sequentialOrder(data.trainLabels, this.trainCount);
		this.testOrder = sequentialOrder(data.testLabels);
	}

	trainOrder(order: BatchOrder, seed: number, epoch: number): Uint32Array {
		return order === 'sequential'
			? this.sequentialTrain
			: shuffledOrder(this.trainCount, seed, epoch);
	}

	/** Scaled pixels of images[indices[start..end)] as a row-major [end-start, 784] array. */
	static pixels(
		images: Uint8Array,
		indices: ArrayLike<number>,
		start: number,
		end: number
	): Float32Array {
		const out = new Float32Array((end - start) * PIXELS);
		for (let row = start; row < end; row++) {
			const src = indices[row] * PIXELS;
			const dst = (row - start) * PIXELS;
			for (let p = 0; p < PIXELS; p++) out[dst + p] = images[src + p] / 255;
		}
		return out;
	}

	static labels(
		labels: Uint8Array,
		indices: ArrayLike<number>,
		start: number,
		end: number
	): Int32Array {
		const out = new Int32Array(end - start);
		for (let row = start; row < end; row++) out[row - start] = labels[indices[row]];
		return out;
	}

	trainBatch(indices: ArrayLike<number>, start: number, end: number) {
		return {
			x: MnistDataset.pixels(this.data.trainImages, indices, start, end),
			y: MnistDataset.labels(this.data.trainLabels, indices, start, end)
		};
	}

	testBatch(start: number, end: number) {
		return {
			x: MnistDataset.pixels(this.data.testImages, this.testOrder, start, end),
			y: MnistDataset.labels(this.data.testLabels, this.testOrder, start, end)
		};
	}

	/** One test digit by its index in the test file, scaled to 0..1. */
	testDigit(index: number): { pixels: Float32Array; label: number } {
		return {
			pixels: MnistDataset.pixels(this.data.testImages, [index], 0, 1),
			label: this.data.testLabels[index]
		};
	}
}
