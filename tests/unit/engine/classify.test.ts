/**
 * classify (the overfitting step's question "what does the net say about these digits?"): one
 * answer per index, probabilities in (0, 1], the true labels, and no tensors left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import { classify } from '$lib/engine/inspect';
import { createModel } from '$lib/engine/models/build';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

describe('classify', () => {
	it('predicts the chosen digits with their confidence and leaks nothing', async () => {
		const model = createModel({ model: 'mlp', initStd: 1, hidden: 8, seed: 1 });
		try {
			const indices = [0, 5, 17, 1234, 59999];
			const before = tf.memory().numTensors;
			const result = await classify(model, data.trainImages, data.trainLabels, indices);
			expect(tf.memory().numTensors).toBe(before);
			expect(result.predicted.length).toBe(5);
			expect(result.confidence.length).toBe(5);
			expect(Array.from(result.labels)).toEqual(indices.map((i) => data.trainLabels[i]));
			for (let i = 0; i < 5; i++) {
				expect(result.predicted[i]).toBeLessThan(10);
				expect(result.confidence[i]).toBeGreaterThan(0.1 - 1e-6); // the top of 10 is >= 1/10
				expect(result.confidence[i]).toBeLessThanOrEqual(1);
			}
			// The same digit gets the same answer from either position in the request.
			const again = await classify(model, data.trainImages, data.trainLabels, [17]);
			expect(again.predicted[0]).toBe(result.predicted[2]);
			expect(again.confidence[0]).toBeCloseTo(result.confidence[2], 5);
			expect(tf.memory().numTensors).toBe(before);
		} finally {
			model.dispose();
		}
	});
});
