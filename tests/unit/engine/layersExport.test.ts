/**
 * The LayersModel export, loaded back with tf.loadLayersModel in node: same predicted digits as
 * the live model on real test digits, probabilities that are the softmax of our logits, and a
 * model.json that names its weights file and carries the recipe.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_FILES } from '$lib/data/mnistFiles';
import { MnistDataset } from '$lib/data/dataset';
import {
	exportLayersModel,
	loadLayersArtifacts,
	verifyLayersModel,
	weightsFileName
} from '$lib/engine/layersExport';
import { createModel, type Model } from '$lib/engine/models/build';
import { fastConfig } from '../helpers/engine';
import { rawBytes } from '../helpers/idx';

/** The first 200 real test digits (IDX header of 16 bytes skipped). */
const testImages = rawBytes(MNIST_FILES.find((f) => f.key === 'testImages')!).subarray(
	16,
	16 + 200 * 784
);

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const made: Model[] = [];
afterEach(() => {
	for (const model of made.splice(0)) model.dispose();
});

/** A model whose weights are random but decisive enough that digits get different answers. */
function model(kind: 'linear' | 'mlp', hidden = 30): Model {
	const m = createModel(fastConfig({ model: kind, hidden, initStd: 0.1, seed: 7 }));
	made.push(m);
	return m;
}

const NAME = 'digit-lab-mlp-model.json';

describe('exportLayersModel', () => {
	it('names the weights file next to model.json', () => {
		expect(weightsFileName('digit-lab-mlp-model.json')).toBe('digit-lab-mlp-model.weights.bin');
		expect(weightsFileName('x')).toBe('x.weights.bin');
	});

	for (const [kind, hidden, params] of [
		['linear', 30, 784 * 10 + 10],
		['mlp', 30, 784 * 30 + 30 + 30 * 10 + 10],
		['mlp', 7, 784 * 7 + 7 + 7 * 10 + 10]
	] as const) {
		it(`round-trips the ${kind} model (H ${hidden}) through tf.loadLayersModel: same digits`, async () => {
			const live = model(kind, hidden);
			const recipe = fastConfig({ model: kind, hidden });
			const artifacts = await exportLayersModel(live, recipe, weightsFileName(NAME));
			expect(artifacts.weightsBin.byteLength).toBe(4 * params);

			const json = JSON.parse(artifacts.modelJson);
			expect(json.format).toBe('layers-model');
			expect(json.weightsManifest[0].paths).toEqual(['./digit-lab-mlp-model.weights.bin']);
			expect(json.userDefinedMetadata.digitLab.recipe).toEqual(recipe);
			const specs = json.weightsManifest[0].weights as { shape: number[] }[];
			const expected = live.params.map((p) => p.variable.shape);
			expect(specs.map((s) => s.shape)).toEqual(expected);

			const loaded = await loadLayersArtifacts(artifacts.modelJson, artifacts.weightsBin);
			const n = 200;
			const x = MnistDataset.pixels(
				testImages,
				Uint32Array.from({ length: n }, (_, i) => i),
				0,
				n
			);
			const [theirs, ours, probabilities, softmax] = tf.tidy(() => {
				const input = tf.tensor2d(x, [n, 784]);
				const p = loaded.predict(input) as tf.Tensor2D;
				const logits = live.forward(input).logits;
				return [
					tf.argMax(p, 1).arraySync() as number[],
					tf.argMax(logits, 1).arraySync() as number[],
					p.arraySync() as number[][],
					tf.softmax(logits).arraySync() as number[][]
				];
			});
			loaded.dispose();
			expect(theirs).toEqual(ours);
			// Not a degenerate model that answers one digit for everything.
			expect(new Set(ours).size).toBeGreaterThan(1);
			for (let i = 0; i < n; i += 37) {
				probabilities[i].forEach((v, j) => expect(v).toBeCloseTo(softmax[i][j], 5));
			}
		});
	}

	it('exports the exact float32 weights in manifest order', async () => {
		const live = model('mlp', 5);
		const artifacts = await exportLayersModel(live, fastConfig({ model: 'mlp', hidden: 5 }), 'w');
		const all = new Float32Array(artifacts.weightsBin);
		let offset = 0;
		for (const p of live.params) {
			const values = p.variable.dataSync();
			expect(all.subarray(offset, offset + values.length)).toEqual(values);
			offset += values.length;
		}
		expect(offset).toBe(all.length);
	});

	it('leaks no tensors when exporting, loading and verifying', async () => {
		const live = model('mlp');
		const recipe = fastConfig({ model: 'mlp' });
		// Warm up once: tfjs creates a few lasting tensors the first time it builds layers.
		await verifyLayersModel(await exportLayersModel(live, recipe, 'w'), live, testImages, 10);
		const before = tf.memory().numTensors;
		const artifacts = await exportLayersModel(live, recipe, 'w');
		await verifyLayersModel(artifacts, live, testImages, 100);
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('verifyLayersModel', () => {
	it('agrees on 100 / 100 test digits with the model it came from', async () => {
		const live = model('linear');
		const artifacts = await exportLayersModel(live, fastConfig(), 'w');
		expect(await verifyLayersModel(artifacts, live, testImages, 100)).toEqual({
			agree: 100,
			count: 100
		});
	});

	it('notices a different model: agreement drops well below 100', async () => {
		const live = model('linear');
		const artifacts = await exportLayersModel(live, fastConfig(), 'w');
		const other = createModel(fastConfig({ initStd: 0.1, seed: 99 }));
		made.push(other);
		const result = await verifyLayersModel(artifacts, other, testImages, 100);
		expect(result.count).toBe(100);
		expect(result.agree).toBeLessThan(50);
	});

	it('only checks digits that exist, and refuses a broken model.json', async () => {
		const live = model('linear');
		const artifacts = await exportLayersModel(live, fastConfig(), 'w');
		const result = await verifyLayersModel(artifacts, live, testImages.subarray(0, 784 * 3), 100);
		expect(result).toEqual({ agree: 3, count: 3 });
		await expect(
			verifyLayersModel({ ...artifacts, modelJson: '{oops' }, live, testImages, 10)
		).rejects.toThrow('model.json is not valid JSON');
		await expect(
			verifyLayersModel(
				{ ...artifacts, weightsBin: artifacts.weightsBin.slice(0, 100) },
				live,
				testImages,
				10
			)
		).rejects.toThrow();
	});
});
