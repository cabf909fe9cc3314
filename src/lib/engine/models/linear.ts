/**
 * The seed's manual linear learner: logits = x @ weights + bias, with
 * weights = randn(784, 10) * std and bias = randn(10) * std, drawn in that order.
 * It is a raw matrix product, not a torch.nn module.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../config';
import type { Rng } from '../rng';
import { disposeParams, makeParam, type Model } from './model';

export function randn(count: number, std: number, rng: Rng): Float32Array {
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
	return out;
}

export function createLinear(std: number, rng: Rng): Model {
	const weights = makeParam('weights', randn(PIXELS * CLASSES, std, rng), [PIXELS, CLASSES]);
	const bias = makeParam('bias', randn(CLASSES, std, rng), [CLASSES]);
	const params = [weights, bias];
	return {
		kind: 'linear',
		params,
		forward: (x) => ({ logits: tf.add(tf.matMul(x, weights.variable), bias.variable) }),
		dispose: () => disposeParams(params)
	};
}
