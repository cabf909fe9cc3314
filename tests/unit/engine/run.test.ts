import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import { LOSS_FLUSH_EVERY, Run, type LossBatch } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});

/** Trains one epoch of a fresh run; returns its metrics (without the timing) and losses. */
async function oneEpoch(config: RunConfig) {
	const losses: LossBatch[] = [];
	const run = new Run(data, config, (batch) => losses.push(batch));
	try {
		const [metrics] = await trainEpochs(run, 1, () => {});
		const { seconds, ...rest } = metrics;
		expect(seconds).toBeGreaterThan(0);
		return { metrics: rest, losses, position: run.position };
	} finally {
		run.dispose();
	}
}

describe('Run', () => {
	let first: Awaited<ReturnType<typeof oneEpoch>>;
	const recipe = fastConfig({ order: 'shuffled', seed: 7, accuracy: 'exact' });

	beforeAll(async () => {
		first = await oneEpoch(recipe);
	});

	it('reports where it is and numbers its loss batches by global step', () => {
		expect(first.position).toEqual({
			epochsDone: 1,
			batchInEpoch: 0,
			batchesPerEpoch: 4,
			stepsDone: 4,
			trainCount: 256
		});
		// Four batches, flushed once at the end of the epoch.
		expect(first.losses.map((b) => [b.firstStep, b.values.length])).toEqual([[1, 4]]);
		const losses = Array.from(first.losses[0].values);
		expect(first.metrics.trainLoss).toBeCloseTo(losses.reduce((a, b) => a + b) / 4, 5);
		expect(first.metrics.epoch).toBe(1);
		expect(first.metrics.validLoss).toBeGreaterThan(0);
		expect(first.metrics.exactAccuracy).toBeGreaterThan(0);
		expect(first.metrics.exactAccuracy).toBeLessThanOrEqual(1);
	});

	it('replays exactly: same recipe and seed give identical losses and metrics', async () => {
		const again = await oneEpoch(recipe);
		expect(again.metrics).toEqual(first.metrics);
		expect(again.losses).toEqual(first.losses);
	});

	it('uses the accuracy formula of the recipe for validAccuracy', async () => {
		expect(first.metrics.validAccuracy).toBe(first.metrics.exactAccuracy);
		const notebook = await oneEpoch({ ...recipe, accuracy: 'notebook' });
		expect(notebook.metrics.validAccuracy).toBe(notebook.metrics.notebookAccuracy);
		// The formula only changes what is reported, not the training.
		expect(notebook.metrics.exactAccuracy).toBe(first.metrics.exactAccuracy);
		expect(notebook.metrics.notebookAccuracy).toBe(first.metrics.notebookAccuracy);
		expect(notebook.metrics.trainLoss).toBe(first.metrics.trainLoss);
		expect(notebook.metrics.notebookAccuracy).not.toBe(notebook.metrics.exactAccuracy);
	});

	it('gives a different run for a different seed', async () => {
		const other = await oneEpoch({ ...recipe, seed: 8 });
		expect(other.metrics.trainLoss).not.toBe(first.metrics.trainLoss);
	});
});

describe('Run batches', () => {
	it('trains a short last batch and flushes losses every LOSS_FLUSH_EVERY steps', async () => {
		// 700 digits in batches of 64: 10 full batches and one of 60.
		const flushed: LossBatch[] = [];
		const run = new Run(data, fastConfig({ trainSubset: 700 }), (b) => flushed.push(b));
		try {
			expect(run.position.batchesPerEpoch).toBe(11);
			let metrics: EpochMetrics | null = null;
			for (let step = 1; step <= 11; step++) {
				metrics = await run.trainBatch();
				expect(metrics === null).toBe(step < 11);
				if (step < LOSS_FLUSH_EVERY) expect(flushed.length).toBe(0);
				if (step === LOSS_FLUSH_EVERY) {
					// The group of ten is read while training goes on; nothing more is pending.
					expect(await run.flushLosses()).toBeNull();
					expect(flushed.length).toBe(1);
				}
				// The epoch's end waits for its losses.
				if (step === 11) expect(flushed.length).toBe(2);
			}
			expect(flushed.map((b) => [b.firstStep, b.values.length])).toEqual([
				[1, 10],
				[11, 1]
			]);
			expect(metrics!.epoch).toBe(1);
			expect(run.position.stepsDone).toBe(11);
			expect(await run.flushLosses()).toBeNull();
		} finally {
			run.dispose();
		}
	});

	it('returns to the same initial weights on reset', async () => {
		const run = new Run(data, fastConfig({ trainSubset: 128 }));
		try {
			const weightsOf = async () => (await run.snapshot({ weights: true })).weights!;
			const initial = await weightsOf();
			await run.trainBatch();
			expect((await weightsOf())[0].values).not.toEqual(initial[0].values);
			run.reset();
			expect(run.position.stepsDone).toBe(0);
			expect(await weightsOf()).toEqual(initial);
			// Reset with a new recipe changes the model.
			run.reset(fastConfig({ model: 'mlp', hidden: 5, trainSubset: 128 }));
			expect((await weightsOf()).map((w) => w.shape)).toEqual([[784, 5], [5], [5, 10], [10]]);
		} finally {
			run.dispose();
		}
	});

	it('snapshots weights, the last gradients and a test digit as private copies', async () => {
		const run = new Run(data, fastConfig({ model: 'mlp', hidden: 6, trainSubset: 128 }));
		try {
			const before = await run.snapshot({ weights: true, gradients: true, digit: 0 });
			expect(before.gradients).toBeUndefined(); // nothing trained yet
			expect(before.digit!.label).toBe(7);
			expect(before.digit!.hidden!.length).toBe(6);
			const probabilities = Array.from(before.digit!.probabilities);
			expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
			await run.trainBatch();
			const after = await run.snapshot({ weights: true, gradients: true });
			expect(after.gradients!.map((g) => g.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
			expect(after.gradients!.map((g) => g.shape)).toEqual([[784, 6], [6], [6, 10], [10]]);
			// Writing into a snapshot (or transferring its buffer) must not touch the variables.
			after.weights![0].values.fill(Number.NaN);
			const again = await run.snapshot({ weights: true });
			expect(again.weights![0].values.every(Number.isFinite)).toBe(true);
			await expect(run.snapshot({ digit: 10000 })).rejects.toThrow(/test digit 10000/);
		} finally {
			run.dispose();
		}
	});
});

/*
 * The NaN guard. Within the schema's range (lr <= 10) we could not make the loss overflow: linear
 * with lr 10 and std 10, and the net with lr 10, stayed finite for five epochs on 512 digits
 * (logSoftmax is stable, and the linear model's gradient is bounded). So the overflow is
 * constructed: lr 1e38, which Run accepts (only the URL schema clamps), makes the weights ~1e38
 * after one step and the next logits overflow float32.
 */
describe('Run with a learning rate that blows up', () => {
	const lr = 1e38;

	it('stops at the first bad step with a message naming the learning rate', async () => {
		const run = new Run(data, fastConfig({ lr, trainSubset: 256 }));
		try {
			await run.trainBatch();
			const first = await run.flushLosses();
			expect(Number.isFinite(first!.values[0])).toBe(true);
			await run.trainBatch();
			await expect(run.flushLosses()).rejects.toThrow(
				`the loss became NaN at step 2: the learning rate ${lr} is too large for this model.`
			);
		} finally {
			run.dispose();
		}
	});

	it('throws from trainBatch when the losses are read back at the end of the epoch', async () => {
		const run = new Run(data, fastConfig({ lr, trainSubset: 256 }));
		try {
			let error: Error | null = null;
			try {
				for (let step = 0; step < 4; step++) await run.trainBatch();
			} catch (e) {
				error = e as Error;
			}
			expect(error).not.toBeNull();
			// Step 1's loss is finite; the first NaN is step 2, read back in the same group.
			expect(error!.message).toMatch(/^the loss became NaN at step 2:/);
			expect(error!.message).toContain(`the learning rate ${lr} is too large`);
		} finally {
			run.dispose();
		}
	});
});

describe('Run.loadWeights', () => {
	it('takes another run’s weights: same predictions, same position in epochs', async () => {
		const recipe = fastConfig({ model: 'mlp', hidden: 8, order: 'shuffled', seed: 3 });
		const trained = new Run(data, recipe);
		const copy = new Run(data, { ...recipe, seed: 99 });
		try {
			await trainEpochs(trained, 2, () => {});
			const { weights } = await trained.snapshot({ weights: true });
			const before = tf.memory().numTensors;
			copy.loadWeights(weights!, 2);
			expect(tf.memory().numTensors).toBe(before);
			expect(copy.position).toEqual(trained.position);
			const digit = new Float32Array(784).map((_, i) => (i % 7) / 7);
			const [a, b] = await Promise.all([trained.predict(digit), copy.predict(digit)]);
			expect(Array.from(b.logits)).toEqual(Array.from(a.logits));
		} finally {
			trained.dispose();
			copy.dispose();
		}
	});

	it('refuses weights of the wrong shape or with non-finite values, and keeps its own', async () => {
		const run = new Run(data, fastConfig());
		try {
			const { weights } = await run.snapshot({ weights: true });
			const wrongShape = weights!.map((w) => ({ ...w, shape: [...w.shape].reverse() }));
			expect(() => run.loadWeights(wrongShape, 1)).toThrow(/should be weights \[784, 10\]/);
			const poisoned = weights!.map((w) => ({ ...w, values: w.values.slice() }));
			poisoned[0].values[5] = Number.NaN;
			expect(() => run.loadWeights(poisoned, 1)).toThrow(/not a finite number/);
			expect(() => run.loadWeights(weights!.slice(1), 1)).toThrow(/has 2 tensors/);
			const after = await run.snapshot({ weights: true });
			expect(Array.from(after.weights![0].values)).toEqual(Array.from(weights![0].values));
			expect(run.position.epochsDone).toBe(0);
		} finally {
			run.dispose();
		}
	});
});
