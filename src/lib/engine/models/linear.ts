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
import { columnSums } from '../stepKernels';
import { normal, pixelsTimes, pixelsTransposedTimes, type ModelSpec } from './spec';

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
	forward: (tf, [weights, bias], x) => ({
		logits: pixelsTimes(tf, x, weights as tfjs.Tensor2D, bias as tfjs.Tensor1D)
	}),
	backward: (tf, _params, pass) => [
		pixelsTransposedTimes(tf, pass, pass.dlogits),
		columnSums(tf, pass.dlogits)
	],
	layers: (tf) => [tf.layers.dense({ units: CLASSES, inputShape: [PIXELS], activation: 'softmax' })]
};
