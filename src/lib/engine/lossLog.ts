/**
 * A run's batch losses and per-parameter gradient norms, worked out in groups: each step leaves
 * its logits, its labels and its gradients here, and every LOSS_FLUSH_EVERY steps one pass turns
 * the whole group into losses and norms and reads them back. Per step that costs no kernel at
 * all (the loss's log-softmax, the norms' squares and sums run once per group), and reading
 * syncs the GPU only once a group. It also sums the epoch's losses for the epoch's mean, and
 * stops training with a message when the loss stops being a number. Owns its pending tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES } from './config';
import { crossEntropyPerDigit } from './train';

export interface LossBatch {
	/** 1-based global step number of values[0]. */
	firstStep: number;
	values: Float32Array;
	/** L2 norm of each parameter's gradient per step: values.length rows of paramNames.length. */
	gradNorms: Float32Array;
	paramNames: string[];
}

/** How many steps to collect before working out and reading back their losses. */
export const LOSS_FLUSH_EVERY = 10;

interface PendingStep {
	/** The batch's logits before the update [B, 10]: the log owns them. */
	logits: tf.Tensor2D;
	/** A copy of the batch's labels (the batch's own arrays are refilled). */
	labels: Int32Array;
	/** The step's gradients: the log's own references (tf.clone shares the data, copies nothing). */
	grads: tf.Tensor[];
}

export class LossLog {
	private steps: PendingStep[] = [];
	private firstStep: number;
	private epochSum = 0;
	private epochCount = 0;

	constructor(
		private readonly paramNames: string[],
		private readonly onLosses: (batch: LossBatch) => void,
		/** The step the next loss belongs to (a loaded model starts later than 1). */
		firstStep = 1
	) {
		this.firstStep = firstStep;
	}

	/** Keeps one step: its logits (the log now owns them), labels and gradients (shared). */
	push(logits: tf.Tensor2D, labels: Int32Array, grads: readonly tf.Tensor[]): void {
		this.steps.push({ logits, labels: labels.slice(), grads: grads.map((g) => tf.clone(g)) });
	}

	get pending(): number {
		return this.steps.length;
	}

	/**
	 * Works out the collected steps' losses and gradient norms, reads them back and reports them
	 * in one group. Throws when a loss is not a finite number (after reporting the ones before
	 * it), naming the learning rate `lr` as the cause.
	 */
	async flush(lr: number): Promise<LossBatch | null> {
		const steps = this.steps;
		if (steps.length === 0) return null;
		this.steps = [];
		const [perDigit, squares] = tf.tidy(() => [
			crossEntropyPerDigit(
				tf.concat(steps.map((s) => s.logits)),
				oneHotOf(steps.map((s) => s.labels))
			),
			// Squared norms, [parameters, steps]: each parameter's gradients of every step at once.
			tf.stack(
				this.paramNames.map((_, p) =>
					tf.sum(tf.square(tf.stack(steps.map((s) => s.grads[p]))), sizeAxes(steps[0].grads[p]))
				)
			)
		]);
		const [digitLosses, squaredNorms] = (await Promise.all([
			perDigit.data(),
			squares.data()
		])) as Float32Array[];
		tf.dispose([perDigit, squares, ...steps.flatMap((s) => [s.logits, ...s.grads])]);
		const values = batchMeans(
			digitLosses,
			steps.map((s) => s.labels.length)
		);
		const width = this.paramNames.length;
		const gradNorms = new Float32Array(steps.length * width);
		for (let s = 0; s < steps.length; s++) {
			for (let p = 0; p < width; p++)
				gradNorms[s * width + p] = Math.sqrt(squaredNorms[p * steps.length + s]);
		}
		const batch: LossBatch = {
			firstStep: this.firstStep,
			values,
			gradNorms,
			paramNames: this.paramNames
		};
		this.firstStep += values.length;
		const bad = values.findIndex((value) => !Number.isFinite(value));
		if (bad >= 0) {
			// Show the learner the losses up to the failure before saying what went wrong.
			this.onLosses({
				...batch,
				values: values.slice(0, bad),
				gradNorms: gradNorms.slice(0, bad * width)
			});
			throw new Error(
				`the loss became ${values[bad]} at step ${batch.firstStep + bad}: the learning rate ${lr} is too large for this model. Lower it and reset the run.`
			);
		}
		for (const value of values) {
			this.epochSum += value;
			this.epochCount++;
		}
		this.onLosses(batch);
		return batch;
	}

	/** The mean of the epoch's losses read so far; starts the next epoch's sum. */
	takeEpochMean(): number {
		const mean = this.epochSum / Math.max(1, this.epochCount);
		this.epochSum = this.epochCount = 0;
		return mean;
	}

	dispose(): void {
		tf.dispose(this.steps.flatMap((s) => [s.logits, ...s.grads]));
		this.steps = [];
	}
}

/** Every axis of a stacked gradient but the first (the step). */
function sizeAxes(grad: tf.Tensor): number[] {
	return grad.shape.map((_, i) => i + 1);
}

/** The labels of several batches, one after the other, one-hot [digits, 10]. */
function oneHotOf(labels: Int32Array[]): tf.Tensor2D {
	const count = labels.reduce((n, l) => n + l.length, 0);
	const values = new Float32Array(count * CLASSES);
	let row = 0;
	for (const batch of labels) for (const label of batch) values[row++ * CLASSES + label] = 1;
	return tf.tensor2d(values, [count, CLASSES]);
}

/** Mean of each batch's per-digit losses (batches of the given sizes, one after the other). */
function batchMeans(perDigit: Float32Array, sizes: number[]): Float32Array {
	const means = new Float32Array(sizes.length);
	let start = 0;
	sizes.forEach((size, b) => {
		let sum = 0;
		for (let i = start; i < start + size; i++) sum += perDigit[i];
		means[b] = sum / size;
		start += size;
	});
	return means;
}
