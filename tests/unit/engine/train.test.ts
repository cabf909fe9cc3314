import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModel, type Model } from '$lib/engine/models/build';
import {
	correctCount,
	crossEntropy,
	lossSum,
	notebookBatchAccuracy,
	sgdStep
} from '$lib/engine/train';
import { batchTensors } from '../helpers/engine';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const owned: { dispose(): void }[] = [];
function own<T extends { dispose(): void }>(thing: T): T {
	owned.push(thing);
	return thing;
}
afterEach(() => {
	for (const thing of owned.splice(0)) thing.dispose();
});

/** Logits whose argmax is the given class, one row per prediction. */
function logitsFor(predicted: number[]): tf.Tensor2D {
	return tf.oneHot(tf.tensor1d(predicted, 'int32'), 10).cast('float32').mul(5) as tf.Tensor2D;
}

const read = (t: tf.Tensor) => t.dataSync() as Float32Array;

describe('crossEntropy', () => {
	it('matches a hand calculation', () => {
		// Row 1: all logits equal, so p(true class) = 1/10 and the loss is ln 10.
		// Row 2: logit 2 for the true class (3), 0 elsewhere: loss = -ln(e^2 / (e^2 + 9)).
		const row2 = Array(10).fill(0);
		row2[3] = 2;
		const logits = own(tf.tensor2d([Array(10).fill(0.7), row2]));
		const labels = own(tf.tensor1d([6, 3], 'int32'));
		const expected = (Math.log(10) - Math.log(Math.exp(2) / (Math.exp(2) + 9))) / 2;
		expect(own(crossEntropy(logits, labels)).dataSync()[0]).toBeCloseTo(expected, 6);
		// lossSum is the same thing per digit, added up.
		expect(own(lossSum(logits, labels)).dataSync()[0]).toBeCloseTo(2 * expected, 5);
	});

	it('stays finite for very confident logits', () => {
		const row = Array(10).fill(-1000);
		row[0] = 1000;
		const loss = own(crossEntropy(own(tf.tensor2d([row])), own(tf.tensor1d([1], 'int32'))));
		expect(loss.dataSync()[0]).toBeCloseTo(2000, 2);
	});
});

describe('accuracy', () => {
	it('notebookBatchAccuracy is the mean of the [B, B] broadcast table', () => {
		// Predictions [0, 1, 1] against labels [[0], [1], [1]]:
		//   label 0: [1 0 0], label 1: [0 1 1], label 1: [0 1 1]  -> 5 of 9.
		const logits = own(logitsFor([0, 1, 1]));
		const labels = own(tf.tensor1d([0, 1, 1], 'int32'));
		expect(own(notebookBatchAccuracy(logits, labels)).dataSync()[0]).toBeCloseTo(5 / 9, 6);
		expect(own(correctCount(logits, labels)).dataSync()[0]).toBe(3);
	});

	it('differs from the exact accuracy when the labels are mixed', () => {
		// Predictions [0, 1, 1] against labels [0, 0, 1]: 2 of 3 correct; the table is
		//   label 0: [1 0 0], label 0: [1 0 0], label 1: [0 1 1] -> 4 of 9.
		const logits = own(logitsFor([0, 1, 1]));
		const labels = own(tf.tensor1d([0, 0, 1], 'int32'));
		expect(own(notebookBatchAccuracy(logits, labels)).dataSync()[0]).toBeCloseTo(4 / 9, 6);
		expect(own(correctCount(logits, labels)).dataSync()[0]).toBe(2);
		// A single-class batch that is all right scores 1 both ways; all wrong scores 0 both ways.
		const same = own(tf.tensor1d([4, 4, 4, 4], 'int32'));
		expect(own(notebookBatchAccuracy(own(logitsFor([4, 4, 4, 4])), same)).dataSync()[0]).toBe(1);
		expect(own(notebookBatchAccuracy(own(logitsFor([2, 2, 2, 2])), same)).dataSync()[0]).toBe(0);
	});
});

/** The batch loss with the given parameter values, computed by plain tensor maths. */
function lossWith(model: Model, x: tf.Tensor2D, y: tf.Tensor1D, params: tf.Tensor[]): tf.Scalar {
	if (model.spec.kind === 'linear') {
		const [w, b] = params;
		return crossEntropy(tf.add(tf.matMul(x, w), b) as tf.Tensor2D, y);
	}
	const [w1, b1, w2, b2] = params;
	const hidden = tf.relu(tf.add(tf.matMul(x, w1), b1)) as tf.Tensor2D;
	return crossEntropy(tf.add(tf.matMul(hidden, w2), b2) as tf.Tensor2D, y);
}

describe('sgdStep', () => {
	for (const kind of ['linear', 'mlp'] as const) {
		it(`${kind}: moves every parameter to p - lr * grad, grads computed independently`, () => {
			const model = own(createModel({ model: kind, initStd: 0.1, hidden: 16, seed: 3 }));
			const { x, y } = batchTensors(32);
			own(x);
			own(y);
			const lr = 0.5;
			// Independent gradients: tf.grads over copies of the parameters, before the step.
			const copies = model.params.map((p) => own(p.variable.clone()));
			const gradFn = tf.grads((...params: tf.Tensor[]) => lossWith(model, x, y, params));
			const expectedGrads = gradFn(copies).map(own);
			const expectedLoss = own(lossWith(model, x, y, copies));

			const { loss, grads } = sgdStep(model, x, y, lr);
			own(loss);
			grads.forEach(own);

			expect(loss.dataSync()[0]).toBeCloseTo(expectedLoss.dataSync()[0], 5);
			model.params.forEach((p, i) => {
				expect(grads[i].shape).toEqual(p.variable.shape);
				const expectedGrad = read(expectedGrads[i]);
				const got = read(grads[i]);
				const before = read(copies[i]);
				const after = read(p.variable);
				expect(Math.max(...Array.from(expectedGrad, Math.abs))).toBeGreaterThan(0);
				for (let k = 0; k < after.length; k++) {
					const tolerance = 1e-6 * (1 + Math.abs(expectedGrad[k]));
					if (Math.abs(got[k] - expectedGrad[k]) > tolerance) {
						expect.fail(`${p.name}[${k}]: grad ${got[k]}, expected ${expectedGrad[k]}`);
					}
					const wanted = before[k] - lr * expectedGrad[k];
					if (Math.abs(after[k] - wanted) > 1e-6 * (1 + Math.abs(wanted))) {
						expect.fail(`${p.name}[${k}]: ${after[k]} after the step, expected ${wanted}`);
					}
				}
			});
		});
	}

	it('linear: the gradient matches a central finite difference', () => {
		// A smooth region: small weights (softmax near uniform), a batch of 8 fake digits.
		const model = own(createModel({ model: 'linear', initStd: 0.01, hidden: 30, seed: 8 }));
		const { x, y } = batchTensors(8, 77);
		own(x);
		own(y);
		const [weights, bias] = model.params.map((p) => p.variable);
		const pixels = read(x);
		const grads = tf.variableGrads(() => crossEntropy(model.forward(x).logits, y), [weights, bias]);
		own(grads.value);
		const dW = read(own(grads.grads[weights.name]));
		const db = read(own(grads.grads[bias.name]));

		const lossAt = () => tf.tidy(() => crossEntropy(model.forward(x).logits, y).dataSync()[0]);
		const eps = 1e-2;
		/** (L(p + eps) - L(p - eps)) / 2 eps for element k of a variable. */
		function numeric(variable: tf.Variable, k: number): number {
			const original = read(variable).slice();
			const nudged = (delta: number) => {
				const v = original.slice();
				v[k] += delta;
				variable.assign(tf.tensor(v, variable.shape));
				return lossAt();
			};
			const slope = (nudged(eps) - nudged(-eps)) / (2 * eps);
			variable.assign(tf.tensor(original, variable.shape));
			return slope;
		}

		// Pixels inked in the first digit, and one black pixel (its gradient must be 0).
		const inked = [];
		for (let p = 0; p < 784 && inked.length < 4; p++) if (pixels[p] > 0.3) inked.push(p);
		let black = 0;
		while (pixels.filter((_, i) => i % 784 === black).some((v) => v > 0)) black++;
		const checks: [tf.Variable, number, number][] = [];
		for (const p of [...inked, black]) {
			for (const c of [0, 3, 9]) checks.push([weights, p * 10 + c, dW[p * 10 + c]]);
		}
		for (const c of [0, 5, 9]) checks.push([bias, c, db[c]]);

		expect(inked.length).toBe(4);
		for (const [variable, k, analytic] of checks) {
			const approx = numeric(variable, k);
			expect(Math.abs(approx - analytic)).toBeLessThan(1e-4 + 5e-3 * Math.abs(analytic));
		}
		// The check is not trivially 0 = 0: most inked-pixel gradients are clearly non-zero.
		expect(checks.filter(([, , g]) => Math.abs(g) > 1e-3).length).toBeGreaterThan(10);
		expect(dW[black * 10]).toBe(0);
	});

	for (const kind of ['linear', 'mlp'] as const) {
		it(`${kind}: the loss on a fixed batch goes down over repeated steps`, () => {
			const model = own(createModel({ model: kind, initStd: 0.01, hidden: 30, seed: 5 }));
			const { x, y } = batchTensors(64, 11);
			own(x);
			own(y);
			const losses: number[] = [];
			for (let step = 0; step < 30; step++) {
				const { loss, grads } = sgdStep(model, x, y, 0.5);
				losses.push(loss.dataSync()[0]);
				tf.dispose([loss, ...grads]);
			}
			expect(losses[0]).toBeCloseTo(Math.log(10), 0);
			expect(losses[29]).toBeLessThan(0.5 * losses[0]);
			// Mostly downhill, step after step.
			const ups = losses.slice(1).filter((l, i) => l > losses[i]).length;
			expect(ups).toBeLessThan(5);
		});
	}

	it('leaves no tensors behind besides the loss and grads it hands over', () => {
		const model = own(createModel({ model: 'mlp', initStd: 1, hidden: 8, seed: 1 }));
		const { x, y } = batchTensors(16);
		own(x);
		own(y);
		const before = tf.memory().numTensors;
		const { loss, grads } = sgdStep(model, x, y, 0.1);
		expect(tf.memory().numTensors).toBe(before + 1 + grads.length);
		tf.dispose([loss, ...grads]);
		expect(tf.memory().numTensors).toBe(before);
	});
});
