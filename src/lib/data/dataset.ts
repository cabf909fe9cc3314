/**
 * Batches as the lesson builds them. Pixels stay as bytes (47 MB for the training set instead of
 * 188 MB of floats); each batch's floats (x / 255, the notebook's scaling to 0..1) are made on
 * demand, into arrays the training loop reuses (inkIndex.ts makes that fast).
 */
import { createRng, shuffleInPlace, STREAM } from '../engine/rng';
import type { BatchOrder } from '../engine/config';
import { fillPixels, type PixelArrays } from './inkIndex';
import { CLASSES, PIXELS } from './mnistFiles';
import { fillPackedBytes, packedBytesLength } from './packedBytes';
import type { MnistData } from './mnist';

/**
 * One batch's numbers, in arrays that are refilled batch after batch: the pixels (row-major x,
 * transposed x^T, packed bytes for WebGL, or a mix), the labels and the labels one-hot
 * ([rows, 10]).
 */
export interface BatchArrays extends PixelArrays {
	/** The pixels as bytes in a packed WebGL texture's layout (packedBytes.ts). */
	packed?: Uint8Array;
	labels: Int32Array;
	oneHot?: Float32Array;
}

/** Which pixel layouts a batch holds: x [rows, 784], x^T [784, rows], packed bytes. */
export type PixelLayouts = { x: boolean; xT: boolean; packed?: boolean };

/** Arrays for batches of `rows` digits, in the pixel layouts asked for. */
export function batchArrays(rows: number, layouts: PixelLayouts): BatchArrays {
	return {
		...(layouts.x && { x: new Float32Array(rows * PIXELS) }),
		...(layouts.xT && { xT: new Float32Array(rows * PIXELS) }),
		...(layouts.packed && { packed: new Uint8Array(packedBytesLength(rows)) }),
		labels: new Int32Array(rows),
		oneHot: new Float32Array(rows * CLASSES)
	};
}

function fillLabels(
	labels: Uint8Array,
	indices: Uint32Array,
	start: number,
	end: number,
	out: BatchArrays
): void {
	out.oneHot?.fill(0);
	for (let row = 0; row < end - start; row++) {
		const label = labels[indices[start + row]];
		out.labels[row] = label;
		if (out.oneHot) out.oneHot[row * CLASSES + label] = 1;
	}
}

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

	/** Scaled pixels of images[indices[start..end)] as a new row-major [end-start, 784] array. */
	static pixels(
		images: Uint8Array,
		indices: ArrayLike<number>,
		start: number,
		end: number
	): Float32Array {
		const x = new Float32Array((end - start) * PIXELS);
		// One index type keeps the fill loop monomorphic (fast) whatever the caller passes.
		const order = indices instanceof Uint32Array ? indices : Uint32Array.from(indices);
		fillPixels(images, order, start, end, { x });
		return x;
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

	/** Fills `out` (sized for end - start digits) with training digits indices[start..end). */
	fillTrainBatch(indices: Uint32Array, start: number, end: number, out: BatchArrays): void {
		fillPixels(this.data.trainImages, indices, start, end, out);
		if (out.packed) fillPackedBytes(this.data.trainImages, indices, start, end, out.packed);
		fillLabels(this.data.trainLabels, indices, start, end, out);
	}

	/** Fills `out` with test digits start..end of the class order (testOrder). */
	fillTestBatch(start: number, end: number, out: BatchArrays): void {
		fillPixels(this.data.testImages, this.testOrder, start, end, out);
		if (out.packed) fillPackedBytes(this.data.testImages, this.testOrder, start, end, out.packed);
		fillLabels(this.data.testLabels, this.testOrder, start, end, out);
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
