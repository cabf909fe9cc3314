/**
 * The hand-written backward passes (models/linear.ts, models/mlp.ts) against two independent
 * references: tfjs's autodiff (tf.grads over tfjs's own softmaxCrossEntropy) for every
 * parameter, and central finite differences of a plain-JS float64 loss on chosen coordinates.
 * Batch sizes include an epoch's short last batch (60,000 mod 256 = 96) and a single digit; each
 * is checked with and without the transposed batch x^T (dense batches on WASM carried it), and
 * from the batch's ink (engine/ink: the WASM and CPU backends' training batches).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, type Model } from '$lib/engine/models/build';
import { autodiffGradients, crossEntropy, gradients } from '$lib/engine/train';
import { batchOf, disposeBatchOf, float64Loss, inkBatchOf } from './fixtures/batches';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const KINDS = ['linear', 'mlp'] as const;
const SIZES = [256, 100, 96, 1];

/** The loss with the given parameter values, by tfjs ops only (no engine code). */
function referenceLoss(
	kind: 'linear' | 'mlp',
	params: tf.Tensor[],
	x: tf.Tensor2D,
	oneHot: tf.Tensor2D
) {
	const dense = (input: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(input, W), b);
	const logits =
		kind === 'linear'
			? dense(x, params[0], params[1])
			: dense(tf.relu(dense(x, params[0], params[1])), params[2], params[3]);
	return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
}

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
	return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

function model(kind: 'linear' | 'mlp', seed: number): Model {
	// The notebook's own initialisations: randn * 1 for the linear learner, nn.Linear for the net.
	return createModel({ model: kind, initStd: 1, hidden: 30, seed });
}

describe('hand-written gradients match tfjs autodiff (max abs difference < 1e-5)', () => {
	for (const kind of KINDS) {
		for (const rows of SIZES) {
			for (const transposed of [false, true]) {
				it(`${kind}, batch of ${rows}${transposed ? ', from x^T' : ''}`, () => {
					const net = model(kind, rows);
					const batch = batchOf(rows, 7 + rows, transposed);
					try {
						const before = tf.memory().numTensors;
						const ours = gradients(net, batch);
						// Exactly the logits and one gradient per parameter are left over.
						expect(tf.memory().numTensors).toBe(before + 1 + net.params.length);
						const variables = net.params.map((p) => p.variable);
						const reference = tf.tidy(() => {
							const grad = tf.grads((...p: tf.Tensor[]) =>
								referenceLoss(kind, p, batch.x, batch.oneHot)
							);
							return grad(variables);
						});
						const referenceValue = tf.tidy(() =>
							referenceLoss(kind, variables, batch.x, batch.oneHot)
						);
						const loss = crossEntropy(ours.logits, batch.oneHot);
						expect(loss.dataSync()[0]).toBeCloseTo(referenceValue.dataSync()[0], 4);
						ours.grads.forEach((g, i) => {
							expect(g.shape).toEqual(variables[i].shape);
							expect(maxAbsDifference(g, reference[i])).toBeLessThan(1e-5);
						});
						// Not a trivial 0 = 0: every parameter gets a real gradient.
						for (const g of ours.grads)
							expect(tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])).toBeGreaterThan(1e-4);
						tf.dispose([loss, ours.logits, ...ours.grads, ...reference, referenceValue]);
					} finally {
						disposeBatchOf(batch);
						net.dispose();
					}
				});
			}
		}
	}

	for (const kind of KINDS) {
		for (const rows of [256, 96, 1]) {
			it(`${kind}, batch of ${rows} given as its ink`, () => {
				const net = model(kind, rows);
				const batch = inkBatchOf(rows, 3 + rows);
				try {
					const ours = gradients(net, batch);
					const variables = net.params.map((p) => p.variable);
					const reference = tf.tidy(() =>
						tf.grads((...p: tf.Tensor[]) => referenceLoss(kind, p, batch.x, batch.oneHot))(
							variables
						)
					);
					const logits = tf.tidy(() => net.forward(batch.x).logits);
					expect(maxAbsDifference(ours.logits, logits)).toBeLessThan(1e-4);
					ours.grads.forEach((g, i) => {
						expect(g.shape).toEqual(variables[i].shape);
						expect(maxAbsDifference(g, reference[i])).toBeLessThan(1e-5);
						expect(tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])).toBeGreaterThan(1e-4);
					});
					tf.dispose([logits, ours.logits, ...ours.grads, ...reference]);
				} finally {
					disposeBatchOf(batch);
					net.dispose();
				}
			});
		}
	}

	it('a kind without a backward pass is differentiated by autodiff, with the same result', () => {
		const net = model('mlp', 3);
		const batch = batchOf(64, 5, true);
		try {
			const { backward: _handWritten, ...withoutBackward } = net;
			const fallback = gradients(withoutBackward, batch);
			const autodiff = autodiffGradients(net, batch);
			const hand = gradients(net, batch);
			hand.grads.forEach((g, i) => {
				expect(maxAbsDifference(g, fallback.grads[i])).toBeLessThan(1e-5);
				expect(maxAbsDifference(autodiff.grads[i], fallback.grads[i])).toBe(0);
			});
			// The fallback's logits are the forward pass's, before any update.
			expect(maxAbsDifference(fallback.logits, hand.logits)).toBe(0);
			tf.dispose([fallback, autodiff, hand].flatMap((r) => [r.logits, ...r.grads]));
		} finally {
			disposeBatchOf(batch);
			net.dispose();
		}
	});
});

describe('hand-written gradients match finite differences of a float64 loss', () => {
	for (const kind of KINDS) {
		it(`${kind}: chosen coordinates of every parameter`, () => {
			const net = createModel({ model: kind, initStd: 0.1, hidden: 30, seed: 11 });
			const batch = batchOf(8, 77, true);
			try {
				const ours = gradients(net, batch);
				const analytic = ours.grads.map((g) => g.dataSync() as Float32Array);
				const params = net.params.map((p) => Float64Array.from(p.variable.dataSync()));
				const shapes = net.params.map((p) => p.variable.shape);
				const x = batch.x.dataSync() as Float32Array;
				const loss = () => float64Loss(kind, params, shapes, x, batch.labels);
				const eps = 1e-6;
				let checked = 0;
				params.forEach((values, i) => {
					// A few coordinates spread over the tensor, and the largest gradient.
					const largest = analytic[i].reduce(
						(best, g, k, all) => (Math.abs(g) > Math.abs(all[best]) ? k : best),
						0
					);
					const picks = [
						0,
						Math.floor(values.length / 3),
						Math.floor((2 * values.length) / 3),
						largest
					];
					for (const k of picks) {
						const original = values[k];
						values[k] = original + eps;
						const up = loss();
						values[k] = original - eps;
						const down = loss();
						values[k] = original;
						const numeric = (up - down) / (2 * eps);
						expect(Math.abs(numeric - analytic[i][k])).toBeLessThan(
							1e-5 + 1e-3 * Math.abs(numeric)
						);
						checked++;
					}
					expect(Math.abs(analytic[i][largest])).toBeGreaterThan(1e-3);
				});
				expect(checked).toBe(4 * params.length);
				tf.dispose([ours.logits, ...ours.grads]);
			} finally {
				disposeBatchOf(batch);
				net.dispose();
			}
		});
	}
});
