/**
 * One step of stochastic gradient descent, written out by hand as the notebook does:
 *   loss = cross_entropy(model(x), y); loss.backward(); p <- p - lr * p.grad
 * The backward pass is ours too: from dL/dlogits = (softmax - onehot) / B, each model kind
 * applies the chain rule through its own layers (models/linear.ts, models/mlp.ts), and unit
 * tests check those gradients against tfjs's autodiff (tf.grads) and against finite
 * differences. A kind without a hand-written backward pass is differentiated by autodiff
 * (tf.variableGrads). The update is ours, not a tf.train optimiser, so the lesson can show
 * -lr * grad and the new weights. The softmax's gradient and the update are one shader pass each
 * on WebGL (stepKernels.ts). All functions here are synchronous tensor maths meant to run
 * inside tf.tidy or to hand their results to one owner.
 *
 * The step does not compute its loss: the loss needs a log-softmax (six kernels) that the
 * gradient does not, so the training loop keeps each step's logits and computes the losses of
 * ten steps at once when it reads them back (lossLog.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { transposeFlagsFast } from './batch';
import type { Model } from './models/build';
import { rowsOf, type InkPixels, type Pixels } from './models/spec';
import { descend, softmaxGradient } from './stepKernels';

/**
 * One batch of B digits: the pixels in the layout the step uses (as tensors, or as their ink
 * only: see engine/ink), and the labels.
 */
export interface Batch {
	/** Pixels scaled to 0..1, [B, 784]; null when the batch is given as its ink. */
	x: tf.Tensor2D | null;
	/** The same pixels transposed, [784, B], when the backend wants them (see BackwardPass). */
	xT: tf.Tensor2D | null;
	/** The batch's inked pixels, for a model with a hand-written backward pass (see BatchMaker). */
	ink: InkPixels | null;
	/** The labels one-hot, [B, 10]: 1 in each digit's true class, 0 elsewhere. */
	oneHot: tf.Tensor2D;
}

/** The batch's pixels as a forward pass takes them. */
export function pixelsOf(batch: Batch): Pixels {
	const pixels = batch.ink ?? batch.x;
	if (!pixels) throw new Error('a batch without pixels');
	return pixels;
}

/**
 * Softmax cross-entropy of each digit: -log of the probability the model gave to its true
 * class, [B]. logSoftmax keeps it finite even for very confident logits.
 */
export function crossEntropyPerDigit(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor1D {
	return tf.tidy(() => tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
}

/** Softmax cross-entropy averaged over the batch: the loss the notebook minimises. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
	return tf.tidy(() => tf.mean(crossEntropyPerDigit(logits, oneHot)));
}

export interface StepResult {
	/** The batch's logits before the update (the caller owns them): its loss comes from them. */
	logits: tf.Tensor2D;
	/** dL/dp for each parameter, in model.params order (the caller owns them). */
	grads: tf.Tensor[];
}

/** Forward and backward on one batch: the logits and every parameter's gradient, nothing changed. */
export function gradients(model: Model, batch: Batch): StepResult {
	const backward = model.backward;
	if (!backward) return autodiffGradients(model, batch);
	const [logits, ...grads] = tf.tidy(() => {
		const x = pixelsOf(batch);
		const forward = model.forward(x);
		// dL/dlogits of the batch's mean cross-entropy: (softmax - onehot) / B.
		const dlogits = softmaxGradient(tf, forward.logits, batch.oneHot, 1 / rowsOf(x));
		const pass = { x, xT: batch.xT, transposeFlagsFast: transposeFlagsFast(), forward, dlogits };
		return [forward.logits, ...backward(pass)];
	});
	return { logits: logits as tf.Tensor2D, grads };
}

/** The generic way, for a kind without a hand-written backward pass: tfjs's autodiff. */
export function autodiffGradients(model: Model, batch: Batch): StepResult {
	const variables = model.params.map((p) => p.variable);
	// Autodiff needs the pixels as a tensor: tfjs cannot differentiate through the ink kernels.
	const x = batch.x;
	if (!x) throw new Error('autodiff needs the batch as a tensor, not as ink');
	const { value, grads } = tf.variableGrads(
		() => crossEntropy(model.forward(x).logits, batch.oneHot),
		variables
	);
	value.dispose();
	// The logits, before the update, for the loss (autodiff's own stayed inside its scope).
	const logits = tf.tidy(() => model.forward(x).logits);
	return { logits, grads: variables.map((v) => grads[v.name]) };
}

/** Forward, backward and p <- p - lr * grad on one batch. */
export function sgdStep(model: Model, batch: Batch, lr: number): StepResult {
	const result = gradients(model, batch);
	tf.tidy(() => {
		model.params.forEach(({ variable }, i) =>
			variable.assign(descend(tf, variable, result.grads[i], lr))
		);
	});
	return result;
}
