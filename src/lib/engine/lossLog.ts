/**
 * A run's batch losses and per-parameter gradient norms, kept on the device and read back in
 * groups: reading syncs the GPU, so it happens every LOSS_FLUSH_EVERY batches, not every batch.
 * It also sums the epoch's losses for the epoch's mean, and stops training with a message when
 * the loss stops being a number. Owns its pending tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type { EpochLosses } from './protocol';

export interface LossBatch {
	/** 1-based global step number of values[0]. */
	firstStep: number;
	values: Float32Array;
	/** L2 norm of each parameter's gradient per step: values.length rows of paramNames.length. */
	gradNorms: Float32Array;
	paramNames: string[];
}

/** How many batch losses to collect before reading them back (reading syncs the GPU). */
export const LOSS_FLUSH_EVERY = 10;

export class LossLog {
	private losses: tf.Scalar[] = [];
	/** Per step, the L2 norm of each parameter's gradient ([P]). */
	private norms: tf.Tensor1D[] = [];
	private firstStep: number;
	private epochSum = 0;
	private epochCount = 0;

	constructor(
		private readonly paramNames: string[],
		private readonly onLosses: (batch: LossBatch) => void,
		/** The step the next loss belongs to (a loaded model starts later than 1). */
		firstStep = 1,
		/** The unfinished epoch's losses so far (a restored run), so its mean counts them too. */
		epochSoFar: EpochLosses = { sum: 0, count: 0 }
	) {
		this.firstStep = firstStep;
		this.epochSum = epochSoFar.sum;
		this.epochCount = epochSoFar.count;
	}

	/** Keeps one batch's loss (the log now owns it) and the norms of its gradients. */
	push(loss: tf.Scalar, grads: tf.Tensor[]): void {
		this.losses.push(loss);
		this.norms.push(tf.tidy(() => tf.stack(grads.map((g) => tf.norm(g))) as tf.Tensor1D));
	}

	get pending(): number {
		return this.losses.length;
	}

	/**
	 * Reads the collected losses back and reports them in one group. Throws when one is not a
	 * finite number (after reporting the ones before it), naming the learning rate `lr` as the cause.
	 */
	async flush(lr: number): Promise<LossBatch | null> {
		if (this.losses.length === 0) return null;
		const stacked = tf.stack(this.losses);
		const norms = tf.stack(this.norms);
		const [values, gradNorms] = (await Promise.all([
			stacked.data(),
			norms.data()
		])) as Float32Array[];
		tf.dispose([stacked, norms, ...this.losses, ...this.norms]);
		this.losses = [];
		this.norms = [];
		const batch: LossBatch = {
			firstStep: this.firstStep,
			values: values.slice(),
			gradNorms: gradNorms.slice(),
			paramNames: this.paramNames
		};
		this.firstStep += values.length;
		const bad = values.findIndex((value) => !Number.isFinite(value));
		if (bad >= 0) {
			// Show the learner the losses up to the failure before saying what went wrong.
			this.onLosses({
				...batch,
				values: batch.values.slice(0, bad),
				gradNorms: batch.gradNorms.slice(0, bad * this.paramNames.length)
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
		tf.dispose([...this.losses, ...this.norms]);
		this.losses = [];
		this.norms = [];
	}
}
