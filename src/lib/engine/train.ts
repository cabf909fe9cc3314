/**
 * One step of stochastic gradient descent, written out by hand as the notebook does:
 *   loss = cross_entropy(model(x), y); loss.backward(); p <- p - lr * p.grad
 * tfjs computes the gradients (autodiff); the update is ours, not a tf.train optimiser, so the
 * lesson can show -lr * grad and the new weights. All functions here are synchronous tensor
 * maths meant to run inside tf.tidy or to hand their results to one owner.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES } from './config';
import type { Model } from './models/build';

/**
 * Softmax cross-entropy, averaged over the batch: for each digit, -log of the probability the
 * model gave to its true class. logSoftmax keeps it finite even for very confident logits.
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(() => {
		const logProbabilities = tf.logSoftmax(logits);
		const truth = tf.oneHot(labels, CLASSES).cast('float32');
		return tf.neg(tf.mean(tf.sum(tf.mul(truth, logProbabilities), 1))) as tf.Scalar;
	});
}

export interface StepResult {
	/** The batch's mean loss before the step (the caller owns it). */
	loss: tf.Scalar;
	/** dL/dp for each parameter, in model.params order (the caller owns them). */
	grads: tf.Tensor[];
}

/** Forward, backward and p <- p - lr * grad on one batch. */
export function sgdStep(model: Model, x: tf.Tensor2D, labels: tf.Tensor1D, lr: number): StepResult {
	const variables = model.params.map((p) => p.variable);
	const { value, grads } = tf.variableGrads(
		() => crossEntropy(model.forward(x).logits, labels),
		variables
	);
	const ordered = variables.map((v) => grads[v.name]);
	tf.tidy(() => {
		variables.forEach((v, i) => v.assign(tf.sub(v, tf.mul(ordered[i], lr))));
	});
	return { loss: value, grads: ordered };
}

/**
 * The notebook's batch_accuracy: predicted classes [B] compared with labels shaped [B, 1].
 * Broadcasting turns that into a [B, B] table (every prediction against every label), and its
 * mean is what the notebook printed. With class-ordered validation batches most labels in a
 * batch are equal, so the number looks like an accuracy but is not one.
 */
export function notebookBatchAccuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(() => {
		const predicted = tf.argMax(logits, 1); // [B]
		const column = tf.reshape(labels, [-1, 1]); // [B, 1]
		return tf.mean(tf.cast(tf.equal(predicted, column), 'float32')) as tf.Scalar;
	});
}

/** Number of rows whose argmax equals the label. */
export function correctCount(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(
		() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar
	);
}

/** Sum (not mean) of the per-digit losses, so batches of different sizes add up exactly. */
export function lossSum(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
	return tf.tidy(() => tf.mul(crossEntropy(logits, labels), labels.shape[0]) as tf.Scalar);
}
