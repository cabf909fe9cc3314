/**
 * A training run: the data, the recipe, the model's parameters and where the run is in its
 * epochs. DOM-free so that the worker, the command-line trainer and the unit tests drive the
 * very same code. Tensor ownership: the model's variables, the last batch's gradients and the
 * not-yet-read batch losses belong to this object; everything else lives inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import type { MnistData } from '../data/mnist';
import type { RunConfig } from './config';
import { createModel, type Model } from './models';
import type {
	DigitActivations,
	EpochMetrics,
	Prediction,
	RunPosition,
	Snapshot,
	SnapshotRequest,
	TensorSnapshot
} from './protocol';
import { correctCount, lossSum, seedBatchAccuracy, sgdStep } from './train';

export interface LossBatch {
	/** 1-based global step number of values[0]. */
	firstStep: number;
	values: Float32Array;
}

/** How many batch losses to collect before reading them back (reading syncs the GPU). */
export const LOSS_FLUSH_EVERY = 10;

export class Run {
	private model: Model;
	private dataset: MnistDataset;
	private order: Uint32Array;
	private epochsDone = 0;
	private batchInEpoch = 0;
	private stepsDone = 0;
	private pendingLosses: tf.Scalar[] = [];
	private pendingFirstStep = 1;
	private epochLossSum = 0;
	private epochLossCount = 0;
	private epochSeconds = 0;
	private lastGrads: tf.Tensor[] = [];

	constructor(
		private readonly data: MnistData,
		private recipe: RunConfig,
		private readonly onLosses: (batch: LossBatch) => void = () => {}
	) {
		this.dataset = new MnistDataset(data, recipe.trainSubset);
		this.model = createModel(recipe);
		this.order = this.dataset.trainOrder(recipe.order, recipe.seed, 0);
	}

	get config(): RunConfig {
		return this.recipe;
	}

	get position(): RunPosition {
		return {
			epochsDone: this.epochsDone,
			batchInEpoch: this.batchInEpoch,
			batchesPerEpoch: Math.ceil(this.dataset.trainCount / this.recipe.batchSize),
			stepsDone: this.stepsDone,
			trainCount: this.dataset.trainCount
		};
	}

	/** Back to freshly initialised weights (the same ones, for the same seed). */
	reset(recipe: RunConfig = this.recipe): void {
		this.disposeTensors();
		this.recipe = recipe;
		this.dataset = new MnistDataset(this.data, recipe.trainSubset);
		this.model = createModel(recipe);
		this.epochsDone = this.batchInEpoch = this.stepsDone = 0;
		this.epochLossSum = this.epochLossCount = this.epochSeconds = 0;
		this.pendingFirstStep = 1;
		this.order = this.dataset.trainOrder(recipe.order, recipe.seed, 0);
	}

	/**
	 * Trains the next batch. Returns the epoch's metrics when this batch finished an epoch.
	 * Throws when the loss stops being a number (an absurd learning rate), so training halts
	 * with a message instead of painting NaN.
	 */
	async trainBatch(): Promise<EpochMetrics | null> {
		const started = performance.now();
		const { batchSize, lr } = this.recipe;
		const start = this.batchInEpoch * batchSize;
		const end = Math.min(start + batchSize, this.dataset.trainCount);
		const batch = this.dataset.trainBatch(this.order, start, end);
		const x = tf.tensor2d(batch.x, [end - start, 784]);
		const y = tf.tensor1d(batch.y, 'int32');
		const { loss, grads } = sgdStep(this.model, x, y, lr);
		tf.dispose([x, y, ...this.lastGrads]);
		this.lastGrads = grads;
		this.pendingLosses.push(loss);
		this.batchInEpoch++;
		this.stepsDone++;
		const epochEnded = end >= this.dataset.trainCount;
		if (this.pendingLosses.length >= LOSS_FLUSH_EVERY || epochEnded) await this.flushLosses();
		this.epochSeconds += (performance.now() - started) / 1000;
		return epochEnded ? this.finishEpoch() : null;
	}

	/** Reads the collected batch losses back and reports them in one group. */
	async flushLosses(): Promise<LossBatch | null> {
		if (this.pendingLosses.length === 0) return null;
		const stacked = tf.stack(this.pendingLosses);
		const values = (await stacked.data()) as Float32Array;
		tf.dispose([stacked, ...this.pendingLosses]);
		this.pendingLosses = [];
		const batch = { firstStep: this.pendingFirstStep, values: values.slice() };
		this.pendingFirstStep += values.length;
		for (const value of values) {
			if (!Number.isFinite(value)) {
				throw new Error(
					`the loss became ${value} at step ${batch.firstStep}: the learning rate ${this.recipe.lr} is too large for this model. Lower it and reset the run.`
				);
			}
			this.epochLossSum += value;
			this.epochLossCount++;
		}
		this.onLosses(batch);
		return batch;
	}

	private async finishEpoch(): Promise<EpochMetrics> {
		const started = performance.now();
		const valid = await this.validate();
		this.epochsDone++;
		this.batchInEpoch = 0;
		this.order = this.dataset.trainOrder(this.recipe.order, this.recipe.seed, this.epochsDone);
		const metrics: EpochMetrics = {
			epoch: this.epochsDone,
			trainLoss: this.epochLossSum / Math.max(1, this.epochLossCount),
			validLoss: valid.validLoss,
			validAccuracy: this.recipe.accuracy === 'seed' ? valid.seedAccuracy : valid.exactAccuracy,
			exactAccuracy: valid.exactAccuracy,
			seedAccuracy: valid.seedAccuracy,
			seconds: this.epochSeconds + (performance.now() - started) / 1000
		};
		this.epochLossSum = this.epochLossCount = this.epochSeconds = 0;
		return metrics;
	}

	/**
	 * Loss and accuracy over every test digit, in the seed's class order and batch size (the
	 * order only matters for the seed's broadcast formula, which mixes labels within a batch).
	 */
	async validate(): Promise<{ validLoss: number; exactAccuracy: number; seedAccuracy: number }> {
		const { batchSize } = this.recipe;
		const count = this.dataset.testCount;
		const perBatch: tf.Tensor[] = [];
		for (let start = 0; start < count; start += batchSize) {
			const end = Math.min(start + batchSize, count);
			const batch = this.dataset.testBatch(start, end);
			perBatch.push(
				tf.tidy(() => {
					const x = tf.tensor2d(batch.x, [end - start, 784]);
					const y = tf.tensor1d(batch.y, 'int32');
					const { logits } = this.model.forward(x);
					return tf.stack([
						lossSum(logits, y),
						correctCount(logits, y),
						seedBatchAccuracy(logits, y)
					]);
				})
			);
		}
		const table = tf.stack(perBatch);
		const rows = await table.data();
		tf.dispose([table, ...perBatch]);
		let lossTotal = 0;
		let correct = 0;
		let seedTotal = 0;
		for (let b = 0; b < perBatch.length; b++) {
			lossTotal += rows[3 * b];
			correct += rows[3 * b + 1];
			seedTotal += rows[3 * b + 2];
		}
		return {
			validLoss: lossTotal / count,
			exactAccuracy: correct / count,
			// The seed averaged batch accuracies, so the short last batch weighs as much as a full one.
			seedAccuracy: seedTotal / perBatch.length
		};
	}

	async predict(pixels: Float32Array): Promise<Prediction> {
		const [logits, probabilities, hidden] = tf.tidy(() => {
			const forward = this.model.forward(tf.tensor2d(pixels, [1, 784]));
			return [forward.logits, tf.softmax(forward.logits), forward.hidden];
		});
		const result: Prediction = {
			logits: await readCopy(logits),
			probabilities: await readCopy(probabilities)
		};
		if (hidden) result.hidden = await readCopy(hidden);
		tf.dispose([logits, probabilities, hidden].filter((t) => t !== undefined));
		return result;
	}

	async snapshot(request: SnapshotRequest): Promise<Snapshot> {
		const snapshot: Snapshot = { position: this.position };
		const names = this.model.params.map((p) => p.name);
		if (request.weights) {
			snapshot.weights = await readAll(
				names,
				this.model.params.map((p) => p.variable)
			);
		}
		if (request.gradients && this.lastGrads.length > 0) {
			snapshot.gradients = await readAll(names, this.lastGrads);
		}
		if (request.digit !== undefined) snapshot.digit = await this.digitActivations(request.digit);
		return snapshot;
	}

	private async digitActivations(index: number): Promise<DigitActivations> {
		if (!Number.isInteger(index) || index < 0 || index >= this.dataset.testCount) {
			throw new Error(`test digit ${index} does not exist (0-${this.dataset.testCount - 1})`);
		}
		const digit = this.dataset.testDigit(index);
		return {
			index,
			label: digit.label,
			pixels: digit.pixels,
			...(await this.predict(digit.pixels))
		};
	}

	private disposeTensors(): void {
		tf.dispose([...this.pendingLosses, ...this.lastGrads]);
		this.pendingLosses = [];
		this.lastGrads = [];
		this.model.dispose();
	}

	dispose(): void {
		this.disposeTensors();
	}
}

/**
 * A copy, never the backend's own buffer: on the cpu backend transferring data()'s buffer to the
 * page hands away the variable's storage and silently corrupts it.
 */
async function readCopy(tensor: tf.Tensor): Promise<Float32Array> {
	return ((await tensor.data()) as Float32Array).slice();
}

async function readAll(names: string[], tensors: tf.Tensor[]): Promise<TensorSnapshot[]> {
	return Promise.all(
		tensors.map(async (t, i) => ({
			name: names[i],
			shape: t.shape.slice(),
			values: await readCopy(t)
		}))
	);
}
