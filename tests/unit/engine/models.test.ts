import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parameterCount } from '$lib/engine/models';
import { createModel, type Model } from '$lib/engine/models/build';
import { createRng, STREAM } from '$lib/engine/rng';
import { meanStd } from '../helpers/engine';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const made: Model[] = [];
function track(model: Model): Model {
	made.push(model);
	return model;
}
afterEach(() => {
	for (const model of made.splice(0)) model.dispose();
});

/** The linear learner / the net of a seed drawn from `seed`'s init stream, as runs build them. */
const createLinear = (initStd: number, seed: number) =>
	createModel({ model: 'linear', initStd, hidden: 30, seed });
const createMlp = (hidden: number, seed: number) =>
	createModel({ model: 'mlp', initStd: 1, hidden, seed });
/** The init stream a model of this seed draws from. */
const initRng = (seed: number) => createRng(seed, STREAM.init);

const shapes = (m: Model) => Object.fromEntries(m.params.map((p) => [p.name, p.variable.shape]));
const values = (m: Model) => m.params.map((p) => p.variable.dataSync() as Float32Array);

describe('linear learner', () => {
	it('has weights [784, 10] and bias [10], and maps a batch to 10 logits per digit', () => {
		const model = track(createLinear(1, 1));
		expect(model.spec.kind).toBe('linear');
		expect(shapes(model)).toEqual({ weights: [784, 10], bias: [10] });
		const logits = tf.tidy(() => model.forward(tf.zeros([3, 784])).logits.arraySync());
		// With black pixels the logits are just the bias.
		const bias = Array.from(model.params[1].variable.dataSync());
		for (const row of logits) row.forEach((v, i) => expect(v).toBeCloseTo(bias[i], 6));
		expect(tf.tidy(() => model.forward(tf.zeros([3, 784])).hidden)).toBeUndefined();
	});

	it('initialises from randn * std: std 1 gives a sample std near 1, std 0.01 near 0.01', () => {
		for (const std of [1, 0.01]) {
			const model = track(createLinear(std, 5));
			const weights = meanStd(values(model)[0]);
			expect(Math.abs(weights.mean)).toBeLessThan(0.05 * std);
			expect(weights.std).toBeGreaterThan(0.95 * std);
			expect(weights.std).toBeLessThan(1.05 * std);
		}
		const zero = track(createLinear(0, 5));
		expect(values(zero).every((v) => v.every((x) => x === 0))).toBe(true);
	});

	it('draws the weights first and the bias second from one stream (randn(784,10), randn(10))', () => {
		const model = track(createLinear(2, 9));
		const rng = initRng(9);
		const expected = Float32Array.from({ length: 7850 }, () => rng.normal() * 2);
		expect(values(model)[0]).toEqual(expected.subarray(0, 7840));
		expect(values(model)[1]).toEqual(expected.subarray(7840));
	});
});

describe('two-layer net', () => {
	it('has W1 [784, H], b1 [H], W2 [H, 10], b2 [10]', () => {
		for (const hidden of [30, 7]) {
			const model = track(createMlp(hidden, 1));
			expect(model.spec.kind).toBe('mlp');
			expect(model.params.map((p) => p.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
			expect(shapes(model)).toEqual({
				W1: [784, hidden],
				b1: [hidden],
				W2: [hidden, 10],
				b2: [10]
			});
			const sizes = model.params.map((p) => p.variable.size);
			const total = sizes.reduce((a, b) => a + b, 0);
			expect(total).toBe(parameterCount({ model: 'mlp', initStd: 1, hidden }));
		}
		// 784*30 + 30 in layer 1, 30*10 + 10 in layer 2.
		expect(parameterCount({ model: 'mlp', initStd: 1, hidden: 30 })).toBe(23550 + 310);
		expect(parameterCount({ model: 'linear', initStd: 1, hidden: 30 })).toBe(7850);
	});

	it('returns non-negative hidden activations (ReLU) of shape [B, H]', () => {
		const model = track(createMlp(30, 2));
		const [hidden, logits] = tf.tidy(() => {
			const out = model.forward(tf.randomUniform([4, 784], 0, 1, 'float32', 3));
			return [out.hidden!.arraySync(), out.logits.shape];
		}) as [number[][], number[]];
		expect(logits).toEqual([4, 10]);
		expect(hidden.length).toBe(4);
		expect(hidden[0].length).toBe(30);
		expect(hidden.flat().every((v) => v >= 0)).toBe(true);
		expect(hidden.flat().some((v) => v > 0)).toBe(true);
	});

	it('initialises like torch nn.Linear: uniform within +-1/sqrt(fan_in), filling the range', () => {
		const hidden = 30;
		const model = track(createMlp(hidden, 3));
		const bounds = [
			1 / Math.sqrt(784),
			1 / Math.sqrt(784),
			1 / Math.sqrt(hidden),
			1 / Math.sqrt(hidden)
		];
		values(model).forEach((v, i) => {
			const bound = Math.fround(bounds[i]);
			const maxAbs = Math.max(...Array.from(v, Math.abs));
			expect(maxAbs).toBeLessThanOrEqual(bound);
			if (v.length >= 30) expect(maxAbs).toBeGreaterThan(0.85 * bound);
		});
		// A uniform distribution on [-b, b] has std b / sqrt(3).
		const w1 = meanStd(values(model)[0]);
		expect(w1.std).toBeCloseTo(bounds[0] / Math.sqrt(3), 3);
		expect(Math.abs(w1.mean)).toBeLessThan(0.001);
	});
});

describe('seeded initialisation', () => {
	const recipe = { model: 'linear', initStd: 1, hidden: 30, seed: 1 } as const;

	it('gives identical weights for the same seed, for both models', () => {
		for (const model of ['linear', 'mlp'] as const) {
			const a = track(createModel({ ...recipe, model, seed: 11 }));
			const b = track(createModel({ ...recipe, model, seed: 11 }));
			expect(values(a)).toEqual(values(b));
			// Distinct tfjs variables, though: two runs never share a name.
			expect(a.params[0].variable.name).not.toBe(b.params[0].variable.name);
		}
	});

	it('gives different weights for a different seed', () => {
		for (const model of ['linear', 'mlp'] as const) {
			const a = values(track(createModel({ ...recipe, model, seed: 11 })));
			const b = values(track(createModel({ ...recipe, model, seed: 12 })));
			a.forEach((v, i) => expect(v).not.toEqual(b[i]));
		}
	});

	it('draws from the init stream of the seed, and scales with initStd', () => {
		const a = values(track(createModel({ ...recipe, seed: 4, initStd: 1 })))[0];
		const b = values(track(createModel({ ...recipe, seed: 4, initStd: 0.5 })))[0];
		expect(b).toEqual(a.map((v) => v * 0.5));
		const rng = initRng(4);
		expect(a).toEqual(Float32Array.from({ length: 7840 }, () => rng.normal()));
	});

	it('builds the net with the recipe hidden size', () => {
		const model = track(createModel({ ...recipe, model: 'mlp', hidden: 12 }));
		expect(model.params[0].variable.shape).toEqual([784, 12]);
	});
});

describe('rng', () => {
	it('is uniform in [0, 1) and normal with mean 0 and std 1', () => {
		const rng = createRng(1);
		const uniform = Array.from({ length: 20000 }, () => rng.next());
		expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...uniform)).toBeLessThan(1);
		expect(meanStd(uniform).mean).toBeCloseTo(0.5, 2);
		const normal = meanStd(Array.from({ length: 20000 }, () => rng.normal()));
		expect(Math.abs(normal.mean)).toBeLessThan(0.03);
		expect(Math.abs(normal.std - 1)).toBeLessThan(0.03);
	});

	it('gives independent streams for one seed', () => {
		const a = createRng(1, 1);
		const b = createRng(1, 2);
		expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(
			Array.from({ length: 5 }, () => b.next())
		);
	});
});
