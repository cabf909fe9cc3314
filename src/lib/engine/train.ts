/**
 * One step of stochastic gradient descent, written out by hand as the notebook does:
 *   loss = cross_entropy(model(x), y); loss.backward(); p <- p - lr * p.grad
 * The backward pass is ours too: from dL/dlogits = (softmax - onehot) / B, each model kind
 * applies the chain rule through its own layers (models/linear.ts, models/mlp.ts), and unit
 * tests check those gradients against tfjs's autodiff (tf.grads) and against finite
 * differences. A kind without a hand-written backward pass is differentiated by autodiff
 * (tf.variableGrads). The update is ours, not a tf.train optimiser, so the lesson can show
 * -lr * grad and the new weights. All functions here are synchronous tensor maths meant to run
 * inside tf.tidy or to hand their results to one owner.
 */
import * as tf from '@tensorflow/tfjs';
import type { Model } from './models/build';

/** One batch of B digits as tensors: the pixels in the layouts the step uses, and the labels. */
export interface Batch {
	/** Pixels scaled to 0..1, [B, 784]. */
	x: tf.Tensor2D;
	/** The same pixels transposed, [784, B], when the backend wants them (see BackwardPass). */
	xT: tf.Tensor2D | null;
	/** The labels one-hot, [B, 10]: 1 in each digit's true class, 0 elsewhere. */
	oneHot: tf.Tensor2D;
}

/**
 * Softmax cross-entropy, averaged over the batch: for each digit, -log of the probability the
 * model gave to its true class. logSoftmax keeps it finite even for very confident logits.
 */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
	return tf.tidy(() => lossAndDlogits(logits, oneHot, false).loss);
}

/**
 * The batch's mean cross-entropy and, when asked, its gradient with respect to the logits:
 * dL/dlogits = (softmax(logits) - onehot) / B, with softmax = exp(log softmax) sharing the
 * log-softmax the loss needs. Call inside tf.tidy.
 */
function lossAndDlogits(
	logits: tf.Tensor2D,
	oneHot: tf.Tensor2D,
	withDlogits: boolean
): { loss: tf.Scalar; dlogits: tf.Tensor2D | null } {
	const perDigit = 1 / logits.shape[0];
	const logProbabilities = tf.logSoftmax(logits);
	const loss = tf.mul(tf.sum(tf.mul(oneHot, logProbabilities)), -perDigit) as tf.Scalar;
	const dlogits = withDlogits
		? (tf.mul(tf.sub(tf.exp(logProbabilities), oneHot), perDigit) as tf.Tensor2D)
		: null;
	return { loss, dlogits };
}

export interface StepResult {
	/** The batch's mean loss before the step (the caller owns it). */
	loss: tf.Scalar;
	/** dL/dp for each parameter, in model.params order (the caller owns them). */
	grads: tf.Tensor[];
}

/** Forward and backward on one batch: the loss and every parameter's gradient, nothing changed. */
export function gradients(model: Model, batch: Batch): StepResult {
	const backward = model.backward;
	if (!backward) return autodiffGradients(model, batch);
	const [loss, ...grads] = tf.tidy(() => {
		const forward = model.forward(batch.x);
		const { loss, dlogits } = lossAndDlogits(forward.logits, batch.oneHot, true);
		const pass = { x: batch.x, xT: batch.xT, forward, dlogits: dlogits as tf.Tensor2D };
		return [loss, ...backward(pass)];
	});
	return { loss: loss as tf.Scalar, grads };
}

/** The generic way, for a kind without a hand-written backward pass: tfjs's autodiff. */
export function autodiffGradients(model: Model, batch: Batch): StepResult {
	const variables = model.params.map((p) => p.variable);
	const { value, grads } = tf.variableGrads(
		() => crossEntropy(model.forward(batch.x).logits, batch.oneHot),
		variables
	);
	return { loss: value, grads: variables.map((v) => grads[v.name]) };
}

/** Forward, backward and p <- p - lr * grad on one batch. */
export function sgdStep(model: Model, batch: Batch, lr: number): StepResult {
	const result = gradients(model, batch);
	tf.tidy(() => {
		model.params.forEach(({ variable }, i) =>
			variable.assign(tf.sub(variable, tf.mul(result.grads[i], lr)))
		);
	});
	return result;
}
