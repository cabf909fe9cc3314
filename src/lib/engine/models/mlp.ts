/**
 * The notebook's simple_net: Linear(784, H) -> ReLU -> Linear(H, 10).
 * Initialised as PyTorch's nn.Linear does: weights and biases uniform in +-1/sqrt(fan_in)
 * (kaiming_uniform with a = sqrt(5) works out to exactly that bound).
 * Weights are stored [in, out] so that a layer is x @ W + b, like the linear learner.
 *
 * Backward, for the batch's mean cross-entropy L, with H = relu(x @ W1 + b1):
 *   dL/dW2 = H^T @ dL/dlogits,  dL/db2 = column sums of dL/dlogits
 *   dL/dH  = dL/dlogits @ W2^T, kept only where H > 0 (ReLU passes gradient only through
 *            units that were active)
 *   dL/dW1 = x^T @ dL/dH,       dL/db1 = column sums of dL/dH
 */
import type * as tfjs from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../../data/mnistFiles';
import { columnSums, hiddenGradient } from '../stepKernels';
import {
	pixelsTimes,
	pixelsTransposedTimes,
	transposedTimes,
	uniform,
	type ModelSpec,
	type ParamSpec
} from './spec';

/** W [fanIn, fanOut] and b [fanOut] of one nn.Linear layer, named W1, b1 or W2, b2. */
function linearLayer(suffix: string, fanIn: number, fanOut: number): ParamSpec[] {
	const bound = 1 / Math.sqrt(fanIn);
	return [
		{ name: `W${suffix}`, shape: [fanIn, fanOut], init: uniform(bound) },
		{ name: `b${suffix}`, shape: [fanOut], init: uniform(bound) }
	];
}

export const mlp: ModelSpec<'mlp'> = {
	kind: 'mlp',
	short: 'net',
	noun: 'net',
	fields: ['hidden'],
	size: ({ hidden }) => ({
		words: `${hidden} hidden units`,
		short: `${hidden} hidden`,
		slug: `h${hidden}`
	}),
	params: ({ hidden }) => [
		...linearLayer('1', PIXELS, hidden),
		...linearLayer('2', hidden, CLASSES)
	],
	firstLayer: 'W1',
	// Fused kernels (product, bias and ReLU in one) where the backend has them.
	forward(tf, [W1, b1, W2, b2], x) {
		const hidden = pixelsTimes(tf, x, W1 as tfjs.Tensor2D, b1 as tfjs.Tensor1D, 'relu');
		const logits = tf.fused.matMul({ a: hidden, b: W2, bias: b2 }) as tfjs.Tensor2D;
		return { logits, hidden };
	},
	backward(tf, [, , W2], pass) {
		const { dlogits } = pass;
		const hidden = pass.forward.hidden as tfjs.Tensor2D;
		const dHidden = hiddenGradient(tf, pass, dlogits, W2 as tfjs.Tensor2D, hidden);
		return [
			pixelsTransposedTimes(tf, pass, dHidden),
			columnSums(tf, dHidden),
			transposedTimes(tf, pass, hidden, dlogits),
			columnSums(tf, dlogits)
		];
	},
	layers: (tf, { hidden }) => [
		tf.layers.dense({ units: hidden, inputShape: [PIXELS], activation: 'relu' }),
		tf.layers.dense({ units: CLASSES, activation: 'softmax' })
	]
};
