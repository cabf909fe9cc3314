/**
 * The notebook's manual linear learner: logits = x @ weights + bias, with
 * weights = randn(784, 10) * std and bias = randn(10) * std, drawn in that order.
 * It is a raw matrix product, not a torch.nn module.
 */
import { CLASSES, PIXELS } from '../../data/mnistFiles';
import { normal, type ModelSpec } from './spec';

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
	forward: (tf, [weights, bias], x) => ({ logits: tf.add(tf.matMul(x, weights), bias) }),
	layers: (tf) => [tf.layers.dense({ units: CLASSES, inputShape: [PIXELS], activation: 'softmax' })]
};
