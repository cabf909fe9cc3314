import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MnistDataset } from '$lib/data/dataset';
import type { MnistData } from '$lib/data/mnist';
import { BatchMaker } from '$lib/engine/batch';
import { InkProducts } from '$lib/engine/ink/inkProducts';

/** Four digits of 784 pixels (a few inked), enough for a batch of ink. */
function tinyData(): MnistData {
	const images = new Uint8Array(4 * 784);
	for (let i = 0; i < images.length; i += 13) images[i] = 200;
	const labels = Uint8Array.from([0, 1, 2, 3]);
	return { trainImages: images, trainLabels: labels, testImages: images, testLabels: labels };
}

beforeAll(() => tf.setBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

describe('a BatchMaker’s ink', () => {
	it('is not built when the batches are made, but by warm(), once', () => {
		const build = vi.spyOn(InkProducts, 'for');
		const batches = new BatchMaker(new MnistDataset(tinyData()), { ink: true });
		expect(build).not.toHaveBeenCalled();
		batches.warm();
		batches.warm();
		expect(build).toHaveBeenCalledTimes(1);
		const order = Uint32Array.from([0, 1, 2, 3]);
		const batch = batches.train(order, 0, 4);
		expect(batch.ink).not.toBeNull();
		expect(build).toHaveBeenCalledTimes(1);
		batches.release(batch);
		batches.dispose();
	});

	it('is built by the first training batch when nothing warmed it', () => {
		const build = vi.spyOn(InkProducts, 'for');
		const batches = new BatchMaker(new MnistDataset(tinyData()), { ink: true });
		const batch = batches.train(Uint32Array.from([3, 2]), 0, 2);
		expect(build).toHaveBeenCalledTimes(1);
		expect(batch.ink).not.toBeNull();
		batches.release(batch);
		batches.dispose();
	});

	it('is never built for batches of pixel tensors', () => {
		const build = vi.spyOn(InkProducts, 'for');
		const batches = new BatchMaker(new MnistDataset(tinyData()), { ink: false });
		batches.warm();
		const batch = batches.train(Uint32Array.from([0, 1]), 0, 2);
		expect(batch.ink).toBeNull();
		expect(build).not.toHaveBeenCalled();
		batches.release(batch);
		batches.dispose();
	});
});
