/**
 * A new model kind is one record: with a fake third kind registered (in this file only, by
 * mocking the kinds list), every generic path serves it without a line of per-kind code: the
 * recipe schema, the expected tensors, the labels, model files, packed links, the tfjs model and
 * its LayersModel export.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelKind, RunConfig } from '$lib/engine/config';
import {
	expectedTensors,
	firstLayerIndex,
	MODEL_KINDS,
	modelLabel,
	nextKind,
	parameterCount,
	usesField
} from '$lib/engine/models';
import { createModel, layersOf } from '$lib/engine/models/build';
import { exportLayersModel, loadLayersArtifacts } from '$lib/engine/layersExport';
import { quickChoices, differenceLabels } from '$lib/compare/recipes';
import { recipeWords } from '$lib/share/describe';
import { modelFileName, parseModelFile, serialiseModelFile } from '$lib/share/modelFile';
import { packModel, unpackModel } from '$lib/share/modelPack';
import { parsePageQuery, serialisePageQuery } from '$lib/share/runConfig';
import { fastConfig, syntheticBatch } from '../helpers/engine';

vi.mock('$lib/engine/models/kinds', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/engine/models/kinds')>();
	const { factored } = await import('./fixtures/factoredModel');
	return { ...real, MODEL_SPECS: [...real.MODEL_SPECS, factored] };
});

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** The fake kind is not in the ModelKind union: only this test knows it exists. */
const FACTORED = 'factored' as ModelKind;
const recipe: RunConfig = fastConfig({ model: FACTORED, hidden: 4 });

describe('a third model kind, registered by one record', () => {
	it('is offered by the recipe schema, URLs and flags', () => {
		expect(MODEL_KINDS).toEqual(['linear', 'mlp', 'factored']);
		const query = serialisePageQuery({ config: recipe, backend: 'auto' });
		expect(query.get('model')).toBe('factored');
		expect(parsePageQuery(query)).toEqual({
			value: { config: recipe, backend: 'auto' },
			messages: []
		});
	});

	it('has its tensors, sizes and first layer computed from the recipe', () => {
		expect(expectedTensors(recipe)).toEqual([
			{ name: 'P', shape: [784, 4] },
			{ name: 'Q', shape: [4, 10] }
		]);
		expect(parameterCount(recipe)).toBe(784 * 4 + 4 * 10);
		expect(firstLayerIndex(recipe)).toBe(0);
		expect(usesField(FACTORED, 'hidden')).toBe(true);
		expect(usesField(FACTORED, 'initStd')).toBe(false);
	});

	it('is named in every phrasing the site uses', () => {
		const forms = ['short', 'noun', 'named', 'with', 'recipe', 'legend', 'slug'] as const;
		expect(forms.map((form) => modelLabel(recipe, form))).toEqual([
			'factored',
			'factored learner',
			'factored learner (rank 4)',
			'factored learner with rank 4',
			'factored learner with rank 4',
			'factored (r4)',
			'factored-r4'
		]);
		expect(recipeWords(recipe)).toMatch(/^factored learner with rank 4, learning rate 0.1,/);
		expect(modelFileName(recipe, 2)).toBe('digit-lab-factored-r4-2-epochs.json');
		expect(differenceLabels(fastConfig(), recipe)).toEqual({
			a: 'linear',
			b: 'factored (r4)'
		});
		// The quick "A vs B" model choice goes round the kinds.
		expect(nextKind('mlp')).toBe(FACTORED);
		expect(nextKind(FACTORED)).toBe('linear');
		expect(quickChoices(recipe)[2].name).toBe('Factored vs linear');
	});

	it('builds as a tfjs model from the seed, runs forward and exports as a LayersModel', async () => {
		const model = createModel(recipe);
		try {
			expect(model.params.map((p) => [p.name, p.variable.shape])).toEqual([
				['P', [784, 4]],
				['Q', [4, 10]]
			]);
			const again = createModel(recipe);
			expect(again.params[0].variable.dataSync()).toEqual(model.params[0].variable.dataSync());
			again.dispose();
			const { x } = syntheticBatch(5);
			const ours = tf.tidy(() =>
				model
					.forward(tf.tensor2d(x, [5, 784]))
					.logits.argMax(1)
					.arraySync()
			);
			const artifacts = await exportLayersModel(model, recipe, 'factored.weights.bin');
			const loaded = await loadLayersArtifacts(artifacts.modelJson, artifacts.weightsBin);
			const theirs = tf.tidy(() =>
				(loaded.predict(tf.tensor2d(x, [5, 784])) as tf.Tensor2D).argMax(1).arraySync()
			);
			loaded.dispose();
			expect(theirs).toEqual(ours);
			layersOf(model).dispose();
		} finally {
			model.dispose();
		}
	});

	it('goes through a model file: the right tensors load, a wrong shape is named', async () => {
		const model = createModel(recipe);
		const weights = await Promise.all(
			model.params.map(async (p) => ({
				name: p.name,
				shape: p.variable.shape,
				values: (await p.variable.data()) as Float32Array
			}))
		);
		model.dispose();
		const file = {
			source: { app: 'Digit Lab', page: '', backend: 'cpu', exportedAt: '' },
			config: recipe,
			epochsDone: 0,
			epochs: [],
			losses: [],
			weights
		};
		const text = serialiseModelFile(file);
		const read = parseModelFile(text);
		expect(read.ok && read.file.config).toEqual(recipe);
		expect(read.ok && read.file.weights.map((w) => w.values)).toEqual(weights.map((w) => w.values));
		const wrong = parseModelFile(text.replace('"hidden":4', '"hidden":5'));
		expect(!wrong.ok && wrong.errors[0]).toBe(
			'P should be 784 x 5 for the factored learner with rank 5, the file has 784 x 4.'
		);

		// And through a packed link: unpacked for its own recipe, refused for another.
		const packed = await packModel(weights);
		const unpacked = await unpackModel(packed, recipe);
		expect(unpacked.messages).toEqual([]);
		expect(unpacked.value?.map((w) => [w.name, w.shape])).toEqual([
			['P', [784, 4]],
			['Q', [4, 10]]
		]);
		const refused = await unpackModel(packed, { ...recipe, model: 'linear' });
		expect(refused.value).toBeNull();
		expect(refused.messages[0]).toMatch(/^Ignored the trained model in this link: /);
	});
});
