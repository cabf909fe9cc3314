/**
 * The model file: an exact round trip of every weight, and a specific message for every way a
 * file can be wrong (never an exception, never a half-loaded model).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import { expectedTensors } from '$lib/engine/models';
import { createModel } from '$lib/engine/models/build';
import type { EpochMetrics, TensorSnapshot } from '$lib/engine/protocol';
import {
	MAX_MODEL_FILE_BYTES,
	modelFileName,
	parseModelFile,
	readModelFile,
	serialiseModelFile,
	type ModelFile,
	type ModelFileResult
} from '$lib/share/modelFile';
import { createRng } from '$lib/engine/rng';
import { fastConfig } from '../helpers/engine';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

function tensor(name: string, shape: number[], seed: number): TensorSnapshot {
	const rng = createRng(seed);
	const size = shape.reduce((a, b) => a * b, 1);
	// Values over many magnitudes, including awkward ones, to test the float32 round trip.
	const values = Float32Array.from({ length: size }, (_, i) =>
		i === 0
			? 0
			: i === 1
				? -0.1
				: i === 2
					? 1e-30
					: i === 3
						? -3e38
						: rng.normal() * 10 ** ((i % 7) - 3)
	);
	return { name, shape, values };
}

function epoch(n: number): EpochMetrics {
	return {
		epoch: n,
		trainLoss: 0.5 / n,
		validLoss: 0.4 / n,
		validAccuracy: 0.9 + n / 100,
		exactAccuracy: 0.9 + n / 100,
		notebookAccuracy: 0.1,
		seconds: 3.21
	};
}

function sample(config: RunConfig = fastConfig({ model: 'mlp', hidden: 12 })): ModelFile {
	return {
		source: {
			app: 'Digit Lab',
			page: 'http://localhost/playground',
			backend: 'cpu',
			exportedAt: '2026-01-01T00:00:00.000Z'
		},
		config,
		epochsDone: 2,
		epochs: [epoch(1), epoch(2)],
		losses: [
			[1, 2.3],
			[2, 2.1],
			[3, 1.9]
		],
		weights: expectedTensors(config).map((t, i) => tensor(t.name, t.shape, i + 1))
	};
}

/** The sample file as a JSON object, changed by `edit`, back to text. */
// The edits reach deep into untyped JSON on purpose (that is what a hand-edited file does).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edited(edit: (json: Record<string, any>) => void, file = sample()): string {
	const json = JSON.parse(serialiseModelFile(file));
	edit(json);
	return JSON.stringify(json);
}

function errorsOf(result: ModelFileResult): string[] {
	if (result.ok) throw new Error('expected the file to be refused');
	return result.errors;
}

describe('expectedTensors', () => {
	it('names and shapes the tensors exactly as the engine builds them', () => {
		for (const config of [
			fastConfig({ model: 'linear' }),
			fastConfig({ model: 'mlp', hidden: 30 }),
			fastConfig({ model: 'mlp', hidden: 7 })
		]) {
			const model = createModel(config);
			expect(expectedTensors(config)).toEqual(
				model.params.map((p) => ({ name: p.name, shape: p.variable.shape }))
			);
			model.dispose();
		}
	});
});

describe('serialise and parse', () => {
	it('round-trips every weight bit for bit, the recipe, metrics, losses and source', () => {
		for (const config of [
			fastConfig({ model: 'linear', lr: 0.37, order: 'shuffled', seed: 42 }),
			fastConfig({ model: 'mlp', hidden: 12, accuracy: 'notebook', trainSubset: 0 })
		]) {
			const file = sample(config);
			const result = parseModelFile(serialiseModelFile(file));
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(result.notices).toEqual([]);
			expect(result.file.config).toEqual(config);
			expect(result.file.source).toEqual(file.source);
			expect(result.file.epochsDone).toBe(2);
			expect(result.file.epochs).toEqual(file.epochs);
			expect(result.file.losses).toEqual(file.losses);
			expect(result.file.weights.map((t) => [t.name, t.shape])).toEqual(
				file.weights.map((t) => [t.name, t.shape])
			);
			result.file.weights.forEach((t, i) => {
				expect(t.values).toBeInstanceOf(Float32Array);
				expect(t.values).toEqual(file.weights[i].values);
			});
		}
	});

	it('writes plain numbers of at most 9 significant digits', () => {
		const json = JSON.parse(serialiseModelFile(sample()));
		expect(json.format).toBe('digit-lab-model');
		expect(json.version).toBe(1);
		const values = json.weights[0].values as number[];
		expect(values.every((v) => typeof v === 'number')).toBe(true);
		const digits = (v: number) => v.toExponential().split('e')[0].replace(/[-.]/g, '').length;
		expect(Math.max(...values.map(digits))).toBeLessThanOrEqual(9);
	});

	it('accepts the weights in any order and returns them in the model order', () => {
		const text = edited((j) => j.weights.reverse());
		const result = parseModelFile(text);
		expect(result.ok && result.file.weights.map((t) => t.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
	});

	it('writes "notebook" for the notebook formula, and no old "seedAccuracy" metric', () => {
		const json = JSON.parse(serialiseModelFile(sample(fastConfig({ accuracy: 'notebook' }))));
		expect(json.recipe.accuracy).toBe('notebook');
		expect(Object.keys(json.epochs[0])).toContain('notebookAccuracy');
		expect(Object.keys(json.epochs[0])).not.toContain('seedAccuracy');
	});

	it('opens a file written before the rename: "accuracy": "seed" and "seedAccuracy" metrics', () => {
		const old = edited(
			(j) => {
				j.recipe.accuracy = 'seed';
				for (const e of j.epochs) {
					e.seedAccuracy = e.notebookAccuracy;
					delete e.notebookAccuracy;
				}
			},
			sample(fastConfig({ model: 'mlp', hidden: 12, accuracy: 'notebook' }))
		);
		expect(old).toContain('"accuracy":"seed"');
		const result = parseModelFile(old);
		expect(result.ok && result.notices).toEqual([]);
		expect(result.ok && result.file.config.accuracy).toBe('notebook');
		expect(result.ok && result.file.epochs.map((e) => e.notebookAccuracy)).toEqual([0.1, 0.1]);
	});

	it('names the file after the model and its epochs', () => {
		expect(modelFileName(fastConfig(), 1)).toBe('digit-lab-linear-1-epoch.json');
		expect(modelFileName(fastConfig({ model: 'mlp', hidden: 30 }), 3)).toBe(
			'digit-lab-net-h30-3-epochs.json'
		);
	});
});

describe('refused files, each with its own message', () => {
	it('not JSON, or JSON that is not a model file', () => {
		expect(errorsOf(parseModelFile('<html>hello</html>'))[0]).toMatch(/^This file is not JSON \(/);
		expect(errorsOf(parseModelFile(serialiseModelFile(sample()).slice(0, 5000)))[0]).toMatch(
			/not JSON/
		);
		expect(errorsOf(parseModelFile('[1, 2, 3]'))).toEqual([
			'This file is JSON but not a model file.'
		]);
		expect(errorsOf(parseModelFile('{"hello": 1}'))[0]).toContain('not a Digit Lab model file');
		expect(errorsOf(parseModelFile('{"modelTopology": {}, "weightsManifest": []}'))[0]).toContain(
			'TensorFlow.js model.json'
		);
	});

	it('a wrong version', () => {
		expect(errorsOf(parseModelFile(edited((j) => (j.version = 2))))).toEqual([
			'This model file has version "2"; this page reads version 1.'
		]);
		expect(errorsOf(parseModelFile(edited((j) => delete j.version)))[0]).toContain(
			'version "undefined"'
		);
	});

	it('wrong shapes, named with both sizes', () => {
		const wide = edited((j) => (j.recipe.hidden = 30));
		expect(errorsOf(parseModelFile(wide))[0]).toBe(
			'W1 should be 784 x 30 for the net with 30 hidden units, the file has 784 x 12.'
		);
		const flat = edited((j) => (j.weights[1].shape = []));
		expect(errorsOf(parseModelFile(flat))[0]).toBe(
			'b1 should be 12 for the net with 12 hidden units, the file has a single number.'
		);
		const short = edited((j) => j.weights[3].values.pop());
		expect(errorsOf(parseModelFile(short))[0]).toBe(
			'b2 should hold 10 numbers (10), the file has 9.'
		);
		const linear = edited((j) => (j.recipe.model = 'linear'));
		expect(errorsOf(parseModelFile(linear))[0]).toBe(
			'The weights have no weights (the linear learner needs weights, bias).'
		);
	});

	it('a value that is not a finite float32: NaN (null in JSON), strings, Infinity, 1e39', () => {
		for (const [bad, shown] of [
			[null, 'null'],
			['NaN', '"NaN"'],
			['1', '"1"'],
			[1e39, '1e+39'],
			[{}, '{}']
		] as const) {
			const text = edited((j) => (j.weights[2].values[4] = bad));
			expect(errorsOf(parseModelFile(text))).toEqual([
				`W2 value 5 is ${shown}, not a finite number.`
			]);
		}
		// JSON has no Infinity or NaN literals: such a file is not JSON at all.
		const text = serialiseModelFile(sample()).replace(/"values":\[[^,]+,/, '"values":[Infinity,');
		expect(errorsOf(parseModelFile(text))[0]).toMatch(/not JSON/);
	});

	it('missing fields', () => {
		expect(errorsOf(parseModelFile(edited((j) => delete j.weights)))[0]).toBe(
			'The file has no weights (a "weights" list).'
		);
		expect(errorsOf(parseModelFile(edited((j) => j.weights.splice(2, 1))))[0]).toBe(
			'The weights have no W2 (the net with 12 hidden units needs W1, b1, W2, b2).'
		);
		expect(errorsOf(parseModelFile(edited((j) => delete j.weights[0].shape)))[0]).toBe(
			'W1 has no shape (a list of whole numbers).'
		);
		expect(errorsOf(parseModelFile(edited((j) => delete j.weights[1].values)))[0]).toBe(
			'b1 has no values (a list of 12 numbers).'
		);
		// Without its hidden units the recipe falls back to 30, and the notice explains the mismatch.
		expect(errorsOf(parseModelFile(edited((j) => delete j.recipe.hidden)))).toEqual([
			'W1 should be 784 x 30 for the net with 30 hidden units, the file has 784 x 12.',
			'b1 should be 30 for the net with 30 hidden units, the file has 12.',
			'W2 should be 30 x 10 for the net with 30 hidden units, the file has 12 x 10.',
			'The recipe has no hidden units; using 30.'
		]);
	});

	it('extra or duplicated tensors', () => {
		const extra = edited((j) => j.weights.push({ name: 'W3', shape: [1], values: [1] }));
		expect(errorsOf(parseModelFile(extra))[0]).toBe(
			'The weights hold more than the net with 12 hidden units has: "W3".'
		);
		const twice = edited((j) => j.weights.push(j.weights[1]));
		expect(errorsOf(parseModelFile(twice))[0]).toBe('The weights hold b1 2 times.');
	});

	it('oversized files are refused before they are read', async () => {
		let read = false;
		const huge = {
			size: 60 * 1024 * 1024,
			text: async () => {
				read = true;
				return '';
			}
		};
		expect(errorsOf(await readModelFile(huge))).toEqual([
			'This file is 60.0 MB; a Digit Lab model file is at most 20.0 MB, so it was not read.'
		]);
		expect(read).toBe(false);
		expect(errorsOf(await readModelFile(new File([], 'empty.json')))).toEqual([
			'This file is empty.'
		]);
		expect(errorsOf(parseModelFile(' '.repeat(MAX_MODEL_FILE_BYTES + 1)))[0]).toContain(
			'was not read'
		);
		const unreadable = { size: 10, text: () => Promise.reject(new Error('gone')) };
		expect(errorsOf(await readModelFile(unreadable))[0]).toContain('could not be read');
	});

	it('reads a real File (as a picker or a drop gives it)', async () => {
		const file = new File([serialiseModelFile(sample())], 'model.json');
		const result = await readModelFile(file);
		expect(result.ok).toBe(true);
	});
});

describe('lenient parts: corrected with a notice, the model still loads', () => {
	it('a recipe field out of range or of the wrong type falls back through the URL schema', () => {
		const text = edited((j) => {
			j.recipe.lr = 99;
			j.recipe.order = { evil: true };
			j.recipe.extra = 1;
		});
		const result = parseModelFile(text);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.file.config.lr).toBe(10);
		expect(result.file.config.order).toBe('sequential');
		expect(result.notices).toEqual([
			'Recipe: learning rate "99" is out of range (0.000001 to 10); using 10.',
			'Recipe: Ignored order="": batch order must be one of sequential, shuffled; using sequential.',
			'Ignored unknown recipe fields "extra".'
		]);
	});

	it('a broken metrics history or loss curve is dropped, the weights kept', () => {
		const text = edited((j) => {
			j.epochs[1].validAccuracy = 'high';
			j.losses = [[1, null]];
		});
		const result = parseModelFile(text);
		expect(result.ok && result.file.epochs).toEqual([]);
		expect(result.ok && result.file.losses).toEqual([]);
		expect(result.ok && result.notices).toEqual([
			'Ignored the metrics history: entry 2 has no finite validAccuracy.',
			'Ignored the loss curve: it is not a list of [step, loss] pairs.'
		]);
		const renumbered = parseModelFile(edited((j) => (j.epochs[0].epoch = 5)));
		expect(renumbered.ok && renumbered.notices).toEqual([
			'Ignored the metrics history: entry 1 is numbered 5.'
		]);
	});

	it('HTML in strings stays text, cut to 200 characters', () => {
		const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
		const text = edited((j) => {
			j.source.app = script;
			j.source.page = 'javascript:alert(1)' + 'x'.repeat(500);
			j.source.backend = 42;
			j.recipe.model = '<b>mlp</b>';
		});
		const result = parseModelFile(text);
		// The model field falls back to linear, whose tensors the file does not have.
		expect(result.ok).toBe(false);
		expect(errorsOf(result)).toContain(
			'Recipe: Ignored model="<b>mlp</b>": model must be one of linear, mlp; using linear.'
		);
		const kept = parseModelFile(edited((j) => (j.source.app = script)));
		expect(kept.ok && kept.file.source.app).toBe(script);
		const cut = parseModelFile(
			edited((j) => {
				j.source.page = 'javascript:alert(1)' + 'x'.repeat(500);
				j.source.backend = 42;
			})
		);
		expect(cut.ok && cut.file.source.page.length).toBe(200);
		expect(cut.ok && cut.file.source.backend).toBe('');
	});
});
