import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MnistDataset } from '$lib/data/dataset';
import type { MnistData } from '$lib/data/mnist';
import { BatchMaker } from '$lib/engine/batch';
import { createModel } from '$lib/engine/models/build';
import { notebookAccuracy, validate, VALIDATION_CHUNK } from '$lib/engine/metrics';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

describe('notebookAccuracy (the notebook\u2019s broadcast batch_accuracy)', () => {
	it('is the mean of the [B, B] table of every prediction against every label', () => {
		// Predictions [0, 1, 1] against labels [[0], [1], [1]]:
		//   label 0: [1 0 0], label 1: [0 1 1], label 1: [0 1 1]  -> 5 of 9.
		expect(notebookAccuracy([0, 1, 1], [0, 1, 1], 3)).toBeCloseTo(5 / 9, 12);
		// Against labels [0, 0, 1]: 2 of 3 correct, but the table says
		//   label 0: [1 0 0], label 0: [1 0 0], label 1: [0 1 1] -> 4 of 9.
		expect(notebookAccuracy([0, 1, 1], [0, 0, 1], 3)).toBeCloseTo(4 / 9, 12);
		// A single-class batch all right scores 1, all wrong 0, as the exact accuracy would.
		expect(notebookAccuracy([4, 4, 4, 4], [4, 4, 4, 4], 4)).toBe(1);
		expect(notebookAccuracy([2, 2, 2, 2], [4, 4, 4, 4], 4)).toBe(0);
	});

	it('averages the batches, so a short last batch weighs as much as a full one', () => {
		// Batches of 2: [0, 1] vs [0, 1] -> 2 of 4; then [3] vs [3] -> 1 of 1.
		expect(notebookAccuracy([0, 1, 3], [0, 1, 3], 2)).toBeCloseTo((0.5 + 1) / 2, 12);
	});
});

describe('validate', () => {
	it('matches a direct computation over all 10,000 test digits, across its chunks', async () => {
		expect(10_000 % VALIDATION_CHUNK).toBe(0);
		const model = createModel({ model: 'mlp', initStd: 1, hidden: 30, seed: 4 });
		const dataset = new MnistDataset(data);
		try {
			const before = tf.memory().numTensors;
			const batches = new BatchMaker(dataset);
			const metrics = await validate(model, batches, dataset.testCount, 256);
			batches.dispose();
			expect(tf.memory().numTensors).toBe(before);

			const order = dataset.testOrder;
			const x = MnistDataset.pixels(data.testImages, order, 0, 10_000);
			const labels = Int32Array.from(order, (i) => data.testLabels[i]);
			const [loss, predicted] = tf.tidy(() => {
				const logits = model.forward(tf.tensor2d(x, [10_000, 784])).logits;
				const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
				return [tf.losses.softmaxCrossEntropy(oneHot, logits), tf.argMax(logits, 1)];
			});
			const predictions = predicted.dataSync() as Int32Array;
			const correct = predictions.filter((p, i) => p === labels[i]).length;
			expect(metrics.validLoss).toBeCloseTo(loss.dataSync()[0], 5);
			expect(metrics.exactAccuracy).toBe(correct / 10_000);
			expect(metrics.notebookAccuracy).toBe(notebookAccuracy(predictions, labels, 256));
			tf.dispose([loss, predicted]);
		} finally {
			model.dispose();
		}
	});
});
