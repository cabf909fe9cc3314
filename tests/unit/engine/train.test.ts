import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModel, type Model } from '$lib/engine/models/build';
import { crossEntropy, sgdStep, type Batch } from '$lib/engine/train';
import { batchOf, disposeBatchOf } from './fixtures/batches';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const owned: { dispose(): void }[] = [];
function own<T extends { dispose(): void }>(thing: T): T {
	owned.push(thing);
	return thing;
}
const batches: Batch[] = [];
type TensorBatch = ReturnType<typeof batchOf>;
function batch(rows: number, seed?: number): TensorBatch {
	const made = batchOf(rows, seed);
	batches.push(made);
	return made;
}
afterEach(() => {
	for (const thing of owned.splice(0)) thing.dispose();
	for (const made of batches.splice(0)) disposeBatchOf(made);
});

const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
const oneHot = (labels: number[]) =>
	own(tf.oneHot(tf.tensor1d(labels, 'int32'), 10).cast('float32') as tf.Tensor2D);

describe('crossEntropy', () => {
	it('matches a hand calculation', () => {
		// Row 1: all logits equal, so p(true class) = 1/10 and the loss is ln 10.
		// Row 2: logit 2 for the true class (3), 0 elsewhere: loss = -ln(e^2 / (e^2 + 9)).
		const row2 = Array(10).fill(0);
		row2[3] = 2;
		const logits = own(tf.tensor2d([Array(10).fill(0.7), row2]));
		const expected = (Math.log(10) - Math.log(Math.exp(2) / (Math.exp(2) + 9))) / 2;
		expect(own(crossEntropy(logits, oneHot([6, 3]))).dataSync()[0]).toBeCloseTo(expected, 6);
	});

	it('stays finite for very confident logits', () => {
		const row = Array(10).fill(-1000);
		row[0] = 1000;
		const loss = own(crossEntropy(own(tf.tensor2d([row])), oneHot([1])));
		expect(loss.dataSync()[0]).toBeCloseTo(2000, 2);
	});
});

/** The batch loss with the given parameter values, computed by plain tensor maths. */
function lossWith(model: Model, batch: TensorBatch, params: tf.Tensor[]): tf.Scalar {
	const { x, oneHot: targets } = batch;
	if (model.spec.kind === 'linear') {
		const [w, b] = params;
		return crossEntropy(tf.add(tf.matMul(x, w), b) as tf.Tensor2D, targets);
	}
	const [w1, b1, w2, b2] = params;
	const hidden = tf.relu(tf.add(tf.matMul(x, w1), b1)) as tf.Tensor2D;
	return crossEntropy(tf.add(tf.matMul(hidden, w2), b2) as tf.Tensor2D, targets);
}

describe('sgdStep', () => {
	for (const kind of ['linear', 'mlp'] as const) {
		it(`${kind}: moves every parameter to p - lr * grad, grads computed independently`, () => {
			const model = own(createModel({ model: kind, initStd: 0.1, hidden: 16, seed: 3 }));
			const data = batch(32);
			const lr = 0.5;
			// Independent gradients: tf.grads over copies of the parameters, before the step.
			const copies = model.params.map((p) => own(p.variable.clone()));
			const gradFn = tf.grads((...params: tf.Tensor[]) => lossWith(model, data, params));
			const expectedGrads = gradFn(copies).map(own);
			const expectedLoss = own(lossWith(model, data, copies));

			const { logits, grads } = sgdStep(model, data, lr);
			const loss = own(crossEntropy(own(logits), data.oneHot));
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
					if (Math.abs(got[k] - expectedGrad[k]) > 1e-5) {
						expect.fail(`${p.name}[${k}]: grad ${got[k]}, expected ${expectedGrad[k]}`);
					}
					// The update uses exactly the gradient it hands back.
					const wanted = before[k] - lr * got[k];
					if (Math.abs(after[k] - wanted) > 1e-6 * (1 + Math.abs(wanted))) {
						expect.fail(`${p.name}[${k}]: ${after[k]} after the step, expected ${wanted}`);
					}
				}
			});
		});
	}

	for (const kind of ['linear', 'mlp'] as const) {
		it(`${kind}: the loss on a fixed batch goes down over repeated steps`, () => {
			const model = own(createModel({ model: kind, initStd: 0.01, hidden: 30, seed: 5 }));
			const data = batch(64, 11);
			const losses: number[] = [];
			for (let step = 0; step < 30; step++) {
				const { logits, grads } = sgdStep(model, data, 0.5);
				const loss = crossEntropy(logits, data.oneHot);
				losses.push(loss.dataSync()[0]);
				tf.dispose([loss, logits, ...grads]);
			}
			expect(losses[0]).toBeCloseTo(Math.log(10), 0);
			expect(losses[29]).toBeLessThan(0.5 * losses[0]);
			// Mostly downhill, step after step.
			const ups = losses.slice(1).filter((l, i) => l > losses[i]).length;
			expect(ups).toBeLessThan(5);
		});
	}

	it('leaves no tensors behind besides the logits and grads it hands over', () => {
		const model = own(createModel({ model: 'mlp', initStd: 1, hidden: 8, seed: 1 }));
		const data = batch(16);
		const before = tf.memory().numTensors;
		const { logits, grads } = sgdStep(model, data, 0.1);
		expect(tf.memory().numTensors).toBe(before + 1 + grads.length);
		tf.dispose([logits, ...grads]);
		expect(tf.memory().numTensors).toBe(before);
	});
});
