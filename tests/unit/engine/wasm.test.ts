/**
 * The WASM backend's own path through the engine (the site's default without a GPU): training
 * batches go to the first layer as their ink (engine/ink), the validation's tensors are refilled
 * in place in lasting tensors, small matrices are transposed before a product. It must train the
 * same run as the CPU backend (up to rounding), replay exactly (the same weights checksum on each
 * backend) and leave no tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import type { RunConfig } from '$lib/engine/config';
import { Run } from '$lib/engine/run';
import { weightsChecksum } from '$lib/share/checksum';
import { trainEpochs } from '$lib/engine/trainLoop';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;

beforeAll(async () => {
	data = await loadMnistFromDisk();
	// Validation over the first 500 test digits keeps the CPU runs quick.
	data = {
		...data,
		testImages: data.testImages.subarray(0, 500 * 784),
		testLabels: data.testLabels.subarray(0, 500)
	};
});

/** Two epochs of 1,000 digits in batches of 96 (the last one short): weights and losses. */
async function train(backend: 'wasm' | 'cpu', recipe: RunConfig) {
	await tf.setBackend(backend);
	await tf.ready();
	const before = tf.memory().numTensors;
	const losses: number[] = [];
	const run = new Run(data, recipe, (batch) => losses.push(...batch.values));
	try {
		const metrics = await trainEpochs(run, 2, () => {});
		const snapshot = await run.snapshot({ weights: true });
		return { metrics, losses, weights: snapshot.weights! };
	} finally {
		run.dispose();
		expect(tf.memory().numTensors).toBe(before);
	}
}

for (const model of ['linear', 'mlp'] as const) {
	describe(`${model} on WASM`, () => {
		const recipe = fastConfig({
			model,
			initStd: 0.1,
			trainSubset: 1000,
			batchSize: 96,
			order: 'shuffled',
			seed: 5
		});

		it('trains what the CPU backend trains, and replays exactly', { timeout: 60_000 }, async () => {
			const wasm = await train('wasm', recipe);
			expect(tf.getBackend()).toBe('wasm');
			const again = await train('wasm', recipe);
			expect(again.losses).toEqual(wasm.losses);
			wasm.weights.forEach((w, i) => expect(again.weights[i].values).toEqual(w.values));
			// What a replay link compares: same seed, same backend, same weights checksum.
			expect(weightsChecksum(again.weights)).toBe(weightsChecksum(wasm.weights));

			const cpu = await train('cpu', recipe);
			const cpuAgain = await train('cpu', recipe);
			expect(weightsChecksum(cpuAgain.weights)).toBe(weightsChecksum(cpu.weights));
			expect(wasm.losses.length).toBe(2 * 11);
			wasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(cpu.losses[i], 3));
			wasm.weights.forEach((w, i) => {
				const other = cpu.weights[i].values;
				const worst = w.values.reduce((m, v, k) => Math.max(m, Math.abs(v - other[k])), 0);
				expect(worst).toBeLessThan(1e-4);
			});
			// Rounding may tip a digit or so of the 500 one way or the other, no more.
			wasm.metrics.forEach((m, i) =>
				expect(Math.abs(m.exactAccuracy - cpu.metrics[i].exactAccuracy)).toBeLessThanOrEqual(
					2 / 500
				)
			);
		});
	});
}
