/**
 * The notebook's simple_net: Linear(784, H) -> ReLU -> Linear(H, 10).
 * Initialised as PyTorch's nn.Linear does: weights and biases uniform in +-1/sqrt(fan_in)
 * (kaiming_uniform with a = sqrt(5) works out to exactly that bound).
 * Weights are stored [in, out] so that a layer is x @ W + b, like the linear learner.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../../data/mnistFiles';
import { uniform, type ModelSpec, type ParamSpec } from './spec';

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
	forward(tf, [W1, b1, W2, b2], x) {
		const hidden: tfjs.Tensor2D = tf.relu(tf.add(tf.matMul(x, W1), b1));
		const logits: tfjs.Tensor2D = tf.add(tf.matMul(hidden, W2), b2);
		return { logits, hidden };
	},
	layers: (tf, { hidden }) => [
		tf.layers.dense({ units: hidden, inputShape: [PIXELS], activation: 'relu' }),
		tf.layers.dense({ units: CLASSES, activation: 'softmax' })
	]
};
