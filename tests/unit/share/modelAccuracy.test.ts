/**
 * A shared model must classify as the sender's does: train the linear learner and the net briefly
 * on MNIST (tfjs cpu), pack and unpack their weights, and compare test accuracy. Also measures
 * how long each exact-model link's fragment is.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MnistData } from '$lib/data/mnist';
import type { RunConfig } from '$lib/engine/config';
import { Run } from '$lib/engine/run';
import { trainEpochs } from '$lib/engine/trainLoop';
import { defaultLink, shareUrl } from '$lib/share/link';
import { packModel, quantise, unpackModel } from '$lib/share/modelPack';
import { loadMnistFromDisk } from '../../../scripts/lib/nodeData';
import { fastConfig } from '../helpers/engine';

let data: MnistData;
const runs: Run[] = [];

beforeAll(async () => {
	await tf.setBackend('cpu');
	data = await loadMnistFromDisk();
});
afterAll(() => runs.forEach((run) => run.dispose()));

async function packedAccuracy(config: RunConfig) {
	const run = new Run(data, config);
	runs.push(run);
	await trainEpochs(run, config.epochs, () => {});
	const original = (await run.validate()).exactAccuracy;
	const weights = (await run.snapshot({ weights: true })).weights!;
	const packed = await packModel(weights);
	const { value, messages } = await unpackModel(packed, config);
	expect(messages).toEqual([]);
	// Quantisation error per weight: below half a step of its tensor.
	value!.forEach((restored, i) => {
		const half = quantise(weights[i]).scale / 2;
		restored.values.forEach((v, j) =>
			expect(Math.abs(v - weights[i].values[j])).toBeLessThanOrEqual(half * 1.001)
		);
	});
	run.loadWeights(value!, config.epochs);
	const restored = (await run.validate()).exactAccuracy;
	const link = shareUrl(
		'https://example.org',
		'',
		{ ...defaultLink(), config, progress: { epochsDone: config.epochs, batchesDone: 0 } },
		packed
	);
	console.log(
		`${config.model}: accuracy ${(100 * original).toFixed(2)}% -> ${(100 * restored).toFixed(2)}% after packing; fragment ${packed.length} chars, whole link ${link.length} chars`
	);
	return { original, restored, fragment: packed.length, link: link.length };
}

describe('a packed model classifies as the original', () => {
	it('linear learner (std 0.01, shuffled, 10,000 digits, 2 epochs): within 0.5 points, link < 16 KB', async () => {
		const result = await packedAccuracy(
			fastConfig({ initStd: 0.01, order: 'shuffled', batchSize: 64, trainSubset: 10000, epochs: 2 })
		);
		expect(Math.abs(result.restored - result.original) * 100).toBeLessThanOrEqual(0.5);
		expect(result.link).toBeLessThan(16 * 1024);
	});

	it('net (30 hidden units, 10,000 digits, 2 epochs): within 0.5 points', async () => {
		const result = await packedAccuracy(
			fastConfig({ model: 'mlp', order: 'shuffled', batchSize: 64, trainSubset: 10000, epochs: 2 })
		);
		expect(result.original).toBeGreaterThan(0.85);
		expect(Math.abs(result.restored - result.original) * 100).toBeLessThanOrEqual(0.5);
	});
});
