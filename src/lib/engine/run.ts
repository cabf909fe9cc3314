/**
 * A training run: the data, the recipe, the model's parameters and where the run is in its
 * epochs. DOM-free so that the worker, the command-line trainer and the unit tests drive the
 * very same code. Tensor ownership: the model's variables, the last batch's gradients and the
 * not-yet-read batch losses belong to this object; everything else lives inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import type { MnistData } from '../data/mnist';
import { PIXELS, type RunConfig } from './config';
import { createModel, type Model } from './models';
import type {
	BatchLoss,
	DigitActivations,
	GradientReport,
	EpochMetrics,
	HistorySlice,
	Prediction,
	RunPosition,
	Snapshot,
	SnapshotRequest,
	TensorSnapshot
} from './protocol';
import { historyLimit, isSnapshotStep, WeightHistory } from './history';
import { validate, type ValidationMetrics } from './metrics';
import { crossEntropy, sgdStep } from './train';

export interface LossBatch {
	/** 1-based global step number of values[0]. */
	firstStep: number;
	values: Float32Array;
	/** L2 norm of each parameter's gradient per step: values.length rows of paramNames.length. */
	gradNorms: Float32Array;
	paramNames: string[];
}

export interface StepOptions {
	/** Overrides the recipe's learning rate for this one step (the lesson's lr control). */
	lr?: number;
	/** Also measure the same batch's loss after the update (costs one more forward pass). */
	report?: boolean;
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
	/** Per step, the L2 norm of each parameter's gradient ([P]), read back with the losses. */
	private pendingNorms: tf.Tensor1D[] = [];
	private pendingFirstStep = 1;
	private epochLossSum = 0;
	private epochLossCount = 0;
	private epochSeconds = 0;
	private lastGrads: tf.Tensor[] = [];
	/** Set by trainBatch({ report: true }): the batch's loss before and after its update. */
	lastStepLosses: { lossBefore: number; lossAfter: number } | null = null;
	/** The learning rate of the latest step (the lesson may override the recipe's). */
	private lastLr = 0;
	/** Remembered moments for the page's timeline: plain arrays, no tensors. */
	private history: WeightHistory;
	/** The recording of step 0, made lazily because reading back is asynchronous. */
	private initialRecorded: Promise<void> | null = null;

	constructor(
		private readonly data: MnistData,
		private recipe: RunConfig,
		private readonly onLosses: (batch: LossBatch) => void = () => {}
	) {
		this.dataset = new MnistDataset(data, recipe.trainSubset);
		this.model = createModel(recipe);
		this.order = this.dataset.trainOrder(recipe.order, recipe.seed, 0);
		this.history = this.newHistory();
	}

	/** For read-only inspection (confusion matrix): the model and data of this run. */
	get inspection(): { model: Model; dataset: MnistDataset } {
		return { model: this.model, dataset: this.dataset };
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
		this.history = this.newHistory();
		this.initialRecorded = null;
	}

	/**
	 * Replaces the parameters with given values (a shared or imported model) and marks the run as
	 * `epochsDone` epochs in. Every name and shape must match this recipe's model; nothing is
	 * changed when one does not.
	 */
	loadWeights(weights: TensorSnapshot[], epochsDone: number): void {
		const params = this.model.params;
		if (weights.length !== params.length) {
			throw new Error(`the model has ${params.length} tensors, the weights ${weights.length}`);
		}
		params.forEach((param, i) => {
			const given = weights[i];
			const expected = param.variable.shape;
			if (given.name !== param.name || given.shape.join('x') !== expected.join('x')) {
				throw new Error(
					`weights ${i + 1} should be ${param.name} [${expected.join(', ')}], got ${given.name} [${given.shape.join(', ')}]`
				);
			}
			if (given.values.length !== param.variable.size) {
				throw new Error(`${param.name} should hold ${param.variable.size} numbers`);
			}
			if (!given.values.every(Number.isFinite)) {
				throw new Error(`${param.name} holds a value that is not a finite number`);
			}
		});
		this.reset();
		tf.tidy(() => {
			this.model.params.forEach((param, i) =>
				param.variable.assign(tf.tensor(weights[i].values, weights[i].shape, 'float32'))
			);
		});
		this.epochsDone = Math.max(0, Math.floor(epochsDone));
		this.stepsDone = this.epochsDone * this.position.batchesPerEpoch;
		this.order = this.dataset.trainOrder(this.recipe.order, this.recipe.seed, this.epochsDone);
	}

	/**
	 * Trains the next batch. Returns the epoch's metrics when this batch finished an epoch.
	 * Throws when the loss stops being a number (an absurd learning rate), so training halts
	 * with a message instead of painting NaN.
	 */
	async trainBatch(options: StepOptions = {}): Promise<EpochMetrics | null> {
		// The initial weights must be read before the first update overwrites them.
		await this.recordInitial();
		const started = performance.now();
		const lr = options.lr ?? this.recipe.lr;
		this.lastLr = lr;
		const { x, y, end } = this.nextBatch();
		const { loss, grads } = sgdStep(this.model, x, y, lr);
		if (options.report) {
			const after = tf.tidy(() => crossEntropy(this.model.forward(x).logits, y));
			const [before, afterValue] = await Promise.all([loss.data(), after.data()]);
			this.lastStepLosses = { lossBefore: before[0], lossAfter: afterValue[0] };
			after.dispose();
		}
		tf.dispose([x, y, ...this.lastGrads]);
		this.lastGrads = grads;
		this.pendingLosses.push(loss);
		this.pendingNorms.push(tf.tidy(() => tf.stack(grads.map((g) => tf.norm(g))) as tf.Tensor1D));
		this.batchInEpoch++;
		this.stepsDone++;
		if (isSnapshotStep(this.stepsDone, this.position.batchesPerEpoch)) await this.record();
		const epochEnded = end >= this.dataset.trainCount;
		if (this.pendingLosses.length >= LOSS_FLUSH_EVERY || epochEnded) await this.flushLosses();
		this.epochSeconds += (performance.now() - started) / 1000;
		return epochEnded ? this.finishEpoch() : null;
	}

	/** The batch training would take next, as tensors the caller disposes. */
	private nextBatch(): { x: tf.Tensor2D; y: tf.Tensor1D; end: number } {
		const start = this.batchInEpoch * this.recipe.batchSize;
		const end = Math.min(start + this.recipe.batchSize, this.dataset.trainCount);
		const batch = this.dataset.trainBatch(this.order, start, end);
		return {
			x: tf.tensor2d(batch.x, [end - start, PIXELS]),
			y: tf.tensor1d(batch.y, 'int32'),
			end
		};
	}

	/** The remembered moments after step `since` (copies) and every step still kept. */
	async historySince(since: number): Promise<HistorySlice> {
		await this.recordInitial();
		return this.history.slice(since);
	}

	/** Step 0 is recorded once: before the first batch, or when the page first asks. */
	private recordInitial(): Promise<void> {
		this.initialRecorded ??= this.record();
		return this.initialRecorded;
	}

	/**
	 * Copies the weights, and the first layer's gradient of the batch just trained, into the
	 * history. data() reads tensors that already exist, so no tensor is created.
	 */
	private async record(): Promise<void> {
		const history = this.history; // reset() may start a new one while this reads
		const step = this.stepsDone;
		const epoch = step / this.position.batchesPerEpoch;
		const names = this.model.params.map((p) => p.name);
		const weights = await readAll(
			names,
			this.model.params.map((p) => p.variable)
		);
		const first = firstLayer(names);
		const grad = step > 0 ? this.lastGrads[first] : undefined;
		const gradient = grad ? (await readAll([names[first]], [grad]))[0] : null;
		history.record({ step, epoch, weights, gradient });
	}

	private newHistory(): WeightHistory {
		// Each entry: every parameter plus one gradient the size of the first layer, 4 bytes a float.
		const sizes = this.model.params.map((p) => p.variable.size);
		const first = sizes[firstLayer(this.model.params.map((p) => p.name))];
		return new WeightHistory(historyLimit(4 * (first + sizes.reduce((a, b) => a + b, 0))));
	}

	/** The next batch's mean loss, without training on it. */
	async evaluateNext(): Promise<BatchLoss> {
		const { x, y } = this.nextBatch();
		const loss = tf.tidy(() => crossEntropy(this.model.forward(x).logits, y));
		const value = (await loss.data())[0];
		tf.dispose([x, y, loss]);
		return { position: this.position, loss: value, size: y.shape[0] };
	}

	/**
	 * Forward and backward on the next batch, keeping the gradients (they become "the last
	 * batch's gradients") but leaving the parameters as they were: the seed's calc_grad.
	 */
	async gradientNext(): Promise<GradientReport> {
		const { x, y } = this.nextBatch();
		const variables = this.model.params.map((p) => p.variable);
		const { value, grads } = tf.variableGrads(
			() => crossEntropy(this.model.forward(x).logits, y),
			variables
		);
		tf.dispose([x, ...this.lastGrads]);
		this.lastGrads = variables.map((v) => grads[v.name]);
		const loss = (await value.data())[0];
		value.dispose();
		const size = y.shape[0];
		y.dispose();
		const names = this.model.params.map((p) => p.name);
		return { position: this.position, loss, size, gradients: await readAll(names, this.lastGrads) };
	}

	/** Reads the collected batch losses back and reports them in one group. */
	async flushLosses(): Promise<LossBatch | null> {
		if (this.pendingLosses.length === 0) return null;
		const stacked = tf.stack(this.pendingLosses);
		const norms = tf.stack(this.pendingNorms);
		const [values, gradNorms] = (await Promise.all([
			stacked.data(),
			norms.data()
		])) as Float32Array[];
		tf.dispose([stacked, norms, ...this.pendingLosses, ...this.pendingNorms]);
		this.pendingLosses = [];
		this.pendingNorms = [];
		const paramNames = this.model.params.map((p) => p.name);
		const batch: LossBatch = {
			firstStep: this.pendingFirstStep,
			values: values.slice(),
			gradNorms: gradNorms.slice(),
			paramNames
		};
		this.pendingFirstStep += values.length;
		const bad = values.findIndex((value) => !Number.isFinite(value));
		if (bad >= 0) {
			// Show the learner the losses up to the failure before saying what went wrong.
			this.onLosses({
				...batch,
				values: batch.values.slice(0, bad),
				gradNorms: batch.gradNorms.slice(0, bad * paramNames.length)
			});
			throw new Error(
				`the loss became ${values[bad]} at step ${batch.firstStep + bad}: the learning rate ${this.lastLr} is too large for this model. Lower it and reset the run.`
			);
		}
		for (const value of values) {
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

	/** Loss and accuracy over every test digit (see metrics.ts). */
	validate(): Promise<ValidationMetrics> {
		return validate(this.model, this.dataset, this.recipe.batchSize);
	}

	async predict(pixels: Float32Array): Promise<Prediction> {
		const [logits, probabilities, hidden] = tf.tidy(() => {
			const forward = this.model.forward(tf.tensor2d(pixels, [1, PIXELS]));
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
		tf.dispose([...this.pendingLosses, ...this.pendingNorms, ...this.lastGrads]);
		this.pendingLosses = [];
		this.pendingNorms = [];
		this.lastGrads = [];
		this.model.dispose();
	}

	dispose(): void {
		this.disposeTensors();
	}
}

/** The first layer's weights ('weights' of the linear learner, 'W1' of the net). */
function firstLayer(names: string[]): number {
	return Math.max(
		0,
		names.findIndex((n) => n === 'weights' || n === 'W1')
	);
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
