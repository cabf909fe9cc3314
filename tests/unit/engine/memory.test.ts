/**
 * Tensor discipline (DESIGN convention 4): training, predicting, snapshotting and resetting leave
 * tf.memory().numTensors where it was; dispose returns it to the count before the run existed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import { Run } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

const count = () => tf.memory().numTensors;

for (const model of ['linear', 'mlp'] as const) {
	describe(`${model}: no tensor leaks`, () => {
		// 512 digits in batches of 128: four batches an epoch.
		const recipe = fastConfig({ model, hidden: 8, trainSubset: 512, batchSize: 128 });
		const paramCount = model === 'linear' ? 2 : 4;

		it('a batch, a whole epoch, a predict and a snapshot leave the count unchanged', async () => {
			const run = new Run(data, recipe);
			try {
				const fresh = count();
				// The first batch creates the kept gradients; after that a step adds nothing once
				// its loss has been read back (losses wait in groups of up to 10 to be read).
				await run.trainBatch();
				await run.flushLosses();
				const steady = count();
				expect(steady).toBe(fresh + paramCount);
				await run.trainBatch();
				// This batch's loss and its gradient norms, not yet read back.
				expect(count()).toBe(steady + 2);
				await run.flushLosses();
				expect(count()).toBe(steady);
				await run.trainBatch();
				await run.flushLosses();
				expect(count()).toBe(steady);

				// The fourth batch ends the epoch: losses read back, then validation over all
				// 10,000 test digits.
				const metrics = await trainEpochs(run, 1, () => {});
				expect(metrics.map((m) => m.epoch)).toEqual([1]);
				expect(run.position).toMatchObject({ epochsDone: 1, stepsDone: 4 });
				expect(count()).toBe(steady);

				const digit = data.testImages.subarray(0, 784);
				const prediction = await run.predict(Float32Array.from(digit, (v) => v / 255));
				expect(prediction.logits.length).toBe(10);
				expect(prediction.hidden === undefined).toBe(model === 'linear');
				expect(count()).toBe(steady);

				const snapshot = await run.snapshot({ weights: true, gradients: true, digit: 3 });
				expect(snapshot.weights!.length).toBe(paramCount);
				expect(snapshot.gradients!.length).toBe(paramCount);
				expect(snapshot.digit!.index).toBe(3);
				expect(count()).toBe(steady);
				await expect(run.snapshot({ digit: -1 })).rejects.toThrow();
				expect(count()).toBe(steady);
			} finally {
				run.dispose();
			}
		});

		it('a new Run holds only its variables; dispose returns to the baseline', () => {
			const baseline = count();
			const run = new Run(data, recipe);
			expect(count()).toBe(baseline + paramCount);
			run.dispose();
			expect(count()).toBe(baseline);
		});

		it('reset disposes the gradients, unread losses and old weights', async () => {
			const baseline = count();
			const run = new Run(data, recipe);
			try {
				await run.trainBatch(); // gradients kept, loss and gradient norms not read back yet
				expect(count()).toBe(baseline + 2 * paramCount + 2);
				run.reset();
				expect(run.position.stepsDone).toBe(0);
				expect(count()).toBe(baseline + paramCount);
			} finally {
				run.dispose();
			}
		});
	});
}
