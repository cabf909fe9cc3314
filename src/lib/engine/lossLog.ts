/**
 * A run's batch losses and per-parameter gradient norms, worked out in groups: each step leaves
 * its logits and labels here, and every LOSS_FLUSH_EVERY steps one pass turns the whole group
 * into losses (the log-softmax runs once per group, not once per step) and reads them back with
 * the norms, syncing the GPU once a group. The gradient norms are kept the way the backend does
 * them best (measured): on WASM the step's gradients themselves, squared and summed once per
 * group; elsewhere each step's squared norms at once, as scalars (on WebGL stacking ten steps of
 * gradients cost more than the per-step reductions it saves). It also sums the epoch's losses
 * for the epoch's mean, and stops training with a message when the loss stops being a number.
 * Owns its pending tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASSES } from './config';
import type { EpochLosses } from './protocol';
import { squaredNorms } from './stepKernels';
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
	/**
	 * Per parameter, the step's gradient (the log's own reference; tf.clone shares the data,
	 * copies nothing) when norms are worked out per group; else one tensor, the gradients'
	 * squared norms [parameters].
	 */
	grads: tf.Tensor[];
}

/** Whether this backend works out gradient norms best a group at a time (see above). */
export function groupsNorms(backend: string = tf.getBackend()): boolean {
	return backend === 'wasm';
}

export class LossLog {
	private steps: PendingStep[] = [];
	/** The last group's report: groups are reported in order, each after the one before. */
	private reported: Promise<unknown> = Promise.resolve();
	/** Set by dispose: a read still under way then reports nothing. */
	private disposed = false;
	private firstStep: number;
	private epochSum = 0;
	private epochCount = 0;

	constructor(
		private readonly paramNames: string[],
		private readonly onLosses: (batch: LossBatch) => void,
		/** The step the next loss belongs to (a loaded model starts later than 1). */
		firstStep = 1,
		/** The unfinished epoch's losses so far (a restored run), so its mean counts them too. */
		epochSoFar: EpochLosses = { sum: 0, count: 0 },
		private readonly grouped = groupsNorms()
	) {
		this.firstStep = firstStep;
		this.epochSum = epochSoFar.sum;
		this.epochCount = epochSoFar.count;
	}

	/** Keeps one step: its logits (the log now owns them), labels and gradients' norms. */
	push(logits: tf.Tensor2D, labels: Int32Array, grads: readonly tf.Tensor[]): void {
		const kept = this.grouped ? grads.map((g) => tf.clone(g)) : [squaredNorms(tf, grads)];
		this.steps.push({ logits, labels: labels.slice(), grads: kept });
	}

	get pending(): number {
		return this.steps.length;
	}

	/**
	 * Works out the collected steps' losses and gradient norms (the kernels are queued at once),
	 * reads them back and reports them in one group, after every earlier group. Rejects when a
	 * loss is not a finite number (after reporting the ones before it), naming the learning rate
	 * `lr` as the cause; so do all later flushes.
	 */
	flush(lr: number): Promise<LossBatch | null> {
		const steps = this.steps;
		this.steps = [];
		const reading = steps.length > 0 ? this.read(steps) : Promise.resolve(null);
		const report = this.reported
			.then(() => reading)
			.then((read) => (read && !this.disposed ? this.report(read, lr) : null));
		this.reported = report;
		return report;
	}

	/** Queues the kernels for these steps' losses and norms, and reads them back. */
	private async read(
		steps: PendingStep[]
	): Promise<{ values: Float32Array; gradNorms: Float32Array }> {
		const [perDigit, squares] = tf.tidy(() => [
			crossEntropyPerDigit(
				tf.concat(steps.map((s) => s.logits)),
				oneHotOf(steps.map((s) => s.labels))
			),
			// Squared norms, [parameters, steps]: grouped, each parameter's gradients of every step
			// at once; else the steps' own squared norms.
			this.grouped
				? tf.stack(
						this.paramNames.map((_, p) =>
							tf.sum(tf.square(tf.stack(steps.map((s) => s.grads[p]))), sizeAxes(steps[0].grads[p]))
						)
					)
				: tf.transpose(tf.stack(steps.map((s) => s.grads[0])))
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
		return { values, gradNorms };
	}

	/** Reports one group (see flush). */
	private report(
		{ values, gradNorms }: { values: Float32Array; gradNorms: Float32Array },
		lr: number
	): LossBatch {
		const width = this.paramNames.length;
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
		this.disposed = true;
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
