/**
 * Tensor discipline (DESIGN convention 4): training, predicting, snapshotting and resetting leave
 * tf.memory().numTensors where it was; dispose returns it to the count before the run existed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import type { RunConfig } from '$lib/engine/config';
import { entryBytes, HISTORY_BUDGET_BYTES, HISTORY_LIMIT } from '$lib/engine/history';
import type { HistorySlice } from '$lib/engine/protocol';
import { Run } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { VALIDATION_CHUNK } from '$lib/engine/metrics';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

/**
 * The data with only the first `count` test digits: validating all 10,000 on the CPU backend
 * takes seconds, and the tensors a validation makes are the same whatever the count (the chunks
 * are VALIDATION_CHUNK digits, and an epoch's end reads them back together).
 */
function withTestDigits(count: number): MnistData {
	return {
		...data,
		testImages: data.testImages.subarray(0, count * 784),
		testLabels: data.testLabels.subarray(0, count)
	};
}

const count = () => tf.memory().numTensors;

for (const model of ['linear', 'mlp'] as const) {
	describe(`${model}: no tensor leaks`, () => {
		// 512 digits in batches of 128: four batches an epoch.
		const recipe = fastConfig({ model, hidden: 8, trainSubset: 512, batchSize: 128 });
		const paramCount = model === 'linear' ? 2 : 4;

		it('a batch, a whole epoch, a predict and a snapshot leave the count unchanged', async () => {
			// Two full validation chunks and a short one.
			const run = new Run(withTestDigits(2 * VALIDATION_CHUNK + 100), recipe);
			try {
				const fresh = count();
				// The first batch creates the kept gradients; after that a step adds nothing once
				// its loss has been read back (losses wait in groups of up to 10 to be read).
				await run.trainBatch();
				await run.flushLosses();
				const steady = count();
				expect(steady).toBe(fresh + paramCount);
				await run.trainBatch();
				// This batch's logits and its squared gradient norms (one tensor on this backend, as on
				// WebGL; one gradient per parameter on WASM), not yet read back.
				expect(count()).toBe(steady + 1 + 1);
				await run.flushLosses();
				expect(count()).toBe(steady);
				await run.trainBatch();
				await run.flushLosses();
				expect(count()).toBe(steady);

				// The fourth batch ends the epoch: losses read back, then validation (three chunks).
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
				// Kept gradients and new weights, the logits, and the squared norms (one tensor).
				expect(count()).toBe(baseline + 2 * paramCount + 1 + 1);
				run.reset();
				expect(run.position.stepsDone).toBe(0);
				expect(count()).toBe(baseline + paramCount);
			} finally {
				run.dispose();
			}
		});
	});
}

/**
 * Long runs with the weight history on: the tensor count stays flat from epoch 5 to epoch 50
 * (every snapshot is a plain copy, not a tensor) and the history stays inside its bounds.
 */
describe('50 epochs with the weight history recording', () => {
	// Validating on all 10,000 test digits 50 times would take minutes on the CPU backend.
	const small = () => withTestDigits(500);

	async function trainLong(recipe: RunConfig, epochs: number) {
		const run = new Run(small(), recipe);
		try {
			const counts = new Map<number, number>();
			await trainEpochs(run, epochs, (m) => counts.set(m.epoch, count()));
			const slice = await run.historySince(-1);
			return { counts, slice, position: run.position };
		} finally {
			run.dispose();
		}
	}

	function expectBounded(slice: HistorySlice): void {
		expect(slice.entries.length).toBe(slice.steps.length);
		expect(slice.entries.length).toBeLessThanOrEqual(HISTORY_LIMIT);
		const bytes = slice.entries.reduce((sum, e) => sum + entryBytes(e), 0);
		expect(bytes).toBeLessThanOrEqual(HISTORY_BUDGET_BYTES);
		// Oldest first, from the initial weights to the newest epoch's end.
		expect(slice.steps[0]).toBe(0);
		expect([...slice.steps].sort((a, b) => a - b)).toEqual(slice.steps);
	}

	it('linear, 256 digits in batches of 8: 50 epochs', { timeout: 30_000 }, async () => {
		// 32 batches an epoch: snapshots at step 0, batches 10, 20, 30 and each epoch's end.
		const recipe = fastConfig({ model: 'linear', trainSubset: 256, batchSize: 8, epochs: 50 });
		const { counts, slice, position } = await trainLong(recipe, 50);
		expect(position.epochsDone).toBe(50);
		expect(counts.get(50)).toBe(counts.get(5));
		expectBounded(slice);
		expect(slice.entries.length).toBe(1 + 3 + 50);
		expect(slice.steps.at(-1)).toBe(50 * 32);
	});

	it('mlp, 256 digits in batches of 64: 50 epochs', { timeout: 30_000 }, async () => {
		// 8 hidden units, not 30: the same tensors, and a quarter of the CPU backend's products.
		const recipe = fastConfig({ model: 'mlp', hidden: 8, trainSubset: 256, epochs: 50 });
		const { counts, slice } = await trainLong(recipe, 50);
		expect(counts.get(50)).toBe(counts.get(5));
		expectBounded(slice);
		// 4 batches an epoch: no first-epoch snapshots every 10 batches, just the epoch ends.
		expect(slice.entries.length).toBe(1 + 50);
		expect(slice.entries.at(-1)!.weights.map((w) => w.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
	});
});
