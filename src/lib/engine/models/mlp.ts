/**
 * The seed's simple_net: Linear(784, H) -> ReLU -> Linear(H, 10).
 * Initialised as PyTorch's nn.Linear does: weights and biases uniform in +-1/sqrt(fan_in)
 * (kaiming_uniform with a = sqrt(5) works out to exactly that bound).
 * Weights are stored [in, out] so that a layer is x @ W + b, like the linear learner.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../config';
import type { Rng } from '../rng';
import { disposeParams, makeParam, type Model, type Param } from './model';

function uniform(count: number, bound: number, rng: Rng): Float32Array {
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) out[i] = rng.uniform(-bound, bound);
	return out;
}

function linearLayer(suffix: string, fanIn: number, fanOut: number, rng: Rng): [Param, Param] {
	const bound = 1 / Math.sqrt(fanIn);
	return [
		makeParam(`W${suffix}`, uniform(fanIn * fanOut, bound, rng), [fanIn, fanOut]),
		makeParam(`b${suffix}`, uniform(fanOut, bound, rng), [fanOut])
	];
}

export function createMlp(hidden: number, rng: Rng): Model {
	const [W1, b1] = linearLayer('1', PIXELS, hidden, rng);
	const [W2, b2] = linearLayer('2', hidden, CLASSES, rng);
	const params = [W1, b1, W2, b2];
	return {
		kind: 'mlp',
		params,
		forward(x) {
			const hidden = tf.relu(tf.add(tf.matMul(x, W1.variable), b1.variable)) as tf.Tensor2D;
			const logits = tf.add(tf.matMul(hidden, W2.variable), b2.variable) as tf.Tensor2D;
			return { logits, hidden };
		},
		dispose: () => disposeParams(params)
	};
}

/** Trainable numbers: 784*H + H in layer 1, H*10 + 10 in layer 2 (23,550 + 310 for H = 30). */
export function mlpParameterCounts(hidden: number): [number, number] {
	return [PIXELS * hidden + hidden, hidden * CLASSES + CLASSES];
}
