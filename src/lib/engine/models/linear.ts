/**
 * The notebook's manual linear learner: logits = x @ weights + bias, with
 * weights = randn(784, 10) * std and bias = randn(10) * std, drawn in that order.
 * It is a raw matrix product, not a torch.nn module.
 *
 * Backward, for the batch's mean cross-entropy L (B digits):
 *   dL/dweights = x^T @ dL/dlogits        [784, 10]: each pixel's ink times each class's error
 *   dL/dbias    = column sums of dL/dlogits [10]
 */
import type * as tfjs from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../../data/mnistFiles';
import { normal, transposedTimes, type ModelSpec } from './spec';

export const linear: ModelSpec<'linear'> = {
	kind: 'linear',
	short: 'linear',
	noun: 'linear learner',
	fields: ['initStd'],
	initWords: (recipe) => `initial std ${recipe.initStd}`,
	params: (recipe) => [
		{ name: 'weights', shape: [PIXELS, CLASSES], init: normal(recipe.initStd) },
		{ name: 'bias', shape: [CLASSES], init: normal(recipe.initStd) }
	],
	firstLayer: 'weights',
	// One fused kernel for x @ weights + bias where the backend has one.
	forward: (tf, [weights, bias], x) => ({
		logits: tf.fused.matMul({ a: x, b: weights, bias }) as tfjs.Tensor2D
	}),
	backward: (tf, _params, pass) => [
		transposedTimes(tf, pass, pass.x, pass.dlogits, pass.xT),
		tf.sum(pass.dlogits, 0)
	],
	layers: (tf) => [tf.layers.dense({ units: CLASSES, inputShape: [PIXELS], activation: 'softmax' })]
};
