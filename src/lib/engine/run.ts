/**
 * A training run: the data, the recipe, the model's parameters and where the run is in its
 * epochs. DOM-free so that the worker, the command-line trainer and the unit tests drive the
 * very same code. Tensor ownership: the model's variables and the last batch's gradients belong
 * to this object, the not-yet-read batch losses to its LossLog; everything else lives inside
 * tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import type { MnistData } from '../data/mnist';
import { usesNotebookAccuracy, type RunConfig } from './config';
import { BackgroundReads } from './backgroundReads';
import { BatchMaker, wantsInkBatches } from './batch';
import { assignWeights, checkWeights, createModel, type Model } from './models/build';
import type {
	BatchLoss,
	GradientReport,
	EpochMetrics,
	HistorySlice,
	Prediction,
	RunPosition,
	RunRestore,
	Snapshot,
	SnapshotRequest,
	TensorSnapshot
} from './protocol';
import { isSnapshotStep } from './history';
import { HistoryRecorder } from './historyRecorder';
import { checkResumable } from './resume';
import { LOSS_FLUSH_EVERY, LossLog, type LossBatch } from './lossLog';
import { validate, type ValidationMetrics } from './metrics';
import { paramNames, predict, readAll, readSnapshot } from './readback';
import { crossEntropy, gradients, pixelsOf, sgdStep, type Batch } from './train';

export { LOSS_FLUSH_EVERY, type LossBatch } from './lossLog';

export interface StepOptions {
	/** Overrides the recipe's learning rate for this one step (the lesson's lr control). */
	lr?: number;
	/** Also measure the same batch's loss after the update (costs one more forward pass). */
	report?: boolean;
}

export class Run {
	private model: Model;
	private dataset: MnistDataset;
	private batches: BatchMaker;
	private order: Uint32Array;
	private epochsDone = 0;
	private batchInEpoch = 0;
	private stepsDone = 0;
	private losses: LossLog;
	private epochSeconds = 0;
	private lastGrads: tf.Tensor[] = [];
	/** Set by trainBatch({ report: true }): the batch's loss before and after its update. */
	lastStepLosses: { lossBefore: number; lossAfter: number } | null = null;
	/** The learning rate of the latest step (the lesson may override the recipe's). */
	private lastLr = 0;
	/** Remembered moments for the page's timeline: plain arrays, no tensors. */
	private history: HistoryRecorder;
	private readonly reads = new BackgroundReads();

	constructor(
		private readonly data: MnistData,
		private recipe: RunConfig,
		private readonly onLosses: (batch: LossBatch) => void = () => {}
	) {
		this.dataset = new MnistDataset(data, recipe.trainSubset);
		this.model = createModel(recipe);
		this.batches = new BatchMaker(this.dataset, { ink: wantsInkBatches(this.model) });
		this.order = this.dataset.trainOrder(recipe.order, recipe.seed, 0);
		this.losses = new LossLog(paramNames(this.model), onLosses);
		this.history = new HistoryRecorder(this.model);
	}

	/** Builds now what the first training batch would otherwise build (BatchMaker.warm). */
	warmBatches(): void {
		this.batches.warm();
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
		this.batches = new BatchMaker(this.dataset, { ink: wantsInkBatches(this.model) });
		this.epochsDone = this.batchInEpoch = this.stepsDone = 0;
		this.epochSeconds = 0;
		this.losses = new LossLog(paramNames(this.model), this.onLosses);
		this.order = this.dataset.trainOrder(recipe.order, recipe.seed, 0);
		this.history = new HistoryRecorder(this.model);
	}

	/**
	 * Replaces the parameters with given values (a shared or imported model) and marks the run as
	 * `epochsDone` epochs in. Every name and shape must match this recipe's model; nothing is
	 * changed when one does not.
	 */
	loadWeights(weights: TensorSnapshot[], epochsDone: number): void {
		const epochs = Math.max(0, Math.floor(epochsDone));
		this.restore({
			weights,
			epochsDone: epochs,
			batchInEpoch: 0,
			stepsDone: epochs * this.position.batchesPerEpoch,
			epochLosses: { sum: 0, count: 0 },
			history: []
		});
	}

	/**
	 * A saved run (of this recipe) exactly where it was: weights, position (the epoch's order comes
	 * from seed and epoch), loss numbering from stepsDone + 1, the unfinished epoch's losses, the
	 * remembered moments. Nothing changes when the weights or the position do not fit.
	 */
	restore(saved: Omit<RunRestore, 'config'>): void {
		checkWeights(this.model, saved.weights);
		const { batchesPerEpoch } = this.position;
		checkResumable(saved, batchesPerEpoch);
		this.reset();
		assignWeights(this.model, saved.weights);
		this.epochsDone = saved.epochsDone;
		this.batchInEpoch = saved.batchInEpoch;
		this.stepsDone = saved.stepsDone;
		this.lastLr = this.recipe.lr;
		this.order = this.dataset.trainOrder(this.recipe.order, this.recipe.seed, this.epochsDone);
		const names = paramNames(this.model);
		this.losses = new LossLog(names, this.onLosses, this.stepsDone + 1, saved.epochLosses);
		this.history.restore(saved.history, batchesPerEpoch);
	}

	/**
	 * Trains the next batch. Returns the epoch's metrics when this batch finished an epoch.
	 * Throws when the loss stops being a number (an absurd learning rate), so training halts
	 * with a message instead of painting NaN.
	 */
	async trainBatch(options: StepOptions = {}): Promise<EpochMetrics | null> {
		this.reads.throwIfFailed();
		// The initial weights must be read before the first update overwrites them.
		await this.recordInitial();
		const started = performance.now();
		const lr = options.lr ?? this.recipe.lr;
		this.lastLr = lr;
		const { batch, end } = this.nextBatch();
		const { logits, grads } = sgdStep(this.model, batch, lr);
		if (options.report) {
			const before = crossEntropy(logits, batch.oneHot);
			const after = this.lossOn(batch);
			const [beforeValue, afterValue] = await Promise.all([before.data(), after.data()]);
			this.lastStepLosses = { lossBefore: beforeValue[0], lossAfter: afterValue[0] };
			tf.dispose([before, after]);
		}
		this.losses.push(logits, batch.labels, grads);
		this.batches.release(batch);
		tf.dispose(this.lastGrads);
		this.lastGrads = grads;
		this.batchInEpoch++;
		this.stepsDone++;
		const { batchesPerEpoch } = this.position;
		// Reads within an epoch run while training goes on (backgroundReads.ts).
		if (isSnapshotStep(this.stepsDone, batchesPerEpoch)) {
			this.reads.add(this.history.record(this.stepsDone, batchesPerEpoch, this.lastGrads));
		}
		const epochEnded = end >= this.dataset.trainCount;
		if (epochEnded) await this.flushLosses();
		else if (this.losses.pending >= LOSS_FLUSH_EVERY) this.reads.add(this.flushLosses());
		this.epochSeconds += (performance.now() - started) / 1000;
		return epochEnded ? this.finishEpoch() : null;
	}

	/** The batch training would take next, as tensors to give back with batches.release(). */
	private nextBatch(): { batch: Batch & { labels: Int32Array }; end: number; size: number } {
		const start = this.batchInEpoch * this.recipe.batchSize;
		const end = Math.min(start + this.recipe.batchSize, this.dataset.trainCount);
		return { batch: this.batches.train(this.order, start, end), end, size: end - start };
	}

	/** The model's mean loss on a batch, as a tensor the caller owns. */
	private lossOn(batch: Batch): tf.Scalar {
		return tf.tidy(() => crossEntropy(this.model.forward(pixelsOf(batch)).logits, batch.oneHot));
	}

	/** The remembered moments after step `since` (copies) and every step still kept. */
	async historySince(since: number): Promise<HistorySlice> {
		await this.recordInitial();
		await this.history.settled();
		return this.history.slice(since);
	}

	/** The run's starting weights, recorded once: before the first batch, or when the page asks. */
	private recordInitial(): Promise<void> {
		return this.history.recordInitial(this.stepsDone, this.position.batchesPerEpoch);
	}

	/** The next batch's mean loss, without training on it. */
	async evaluateNext(): Promise<BatchLoss> {
		const { batch, size } = this.nextBatch();
		const loss = this.lossOn(batch);
		this.batches.release(batch);
		const value = (await loss.data())[0];
		loss.dispose();
		return { position: this.position, loss: value, size };
	}

	/**
	 * Forward and backward on the next batch, keeping the gradients (they become "the last
	 * batch's gradients") but leaving the parameters as they were: the notebook's calc_grad.
	 */
	async gradientNext(): Promise<GradientReport> {
		const { batch, size } = this.nextBatch();
		const { logits, grads } = gradients(this.model, batch);
		const loss = crossEntropy(logits, batch.oneHot);
		tf.dispose([logits]);
		this.batches.release(batch);
		tf.dispose(this.lastGrads);
		this.lastGrads = grads;
		const value = (await loss.data())[0];
		loss.dispose();
		const read = await readAll(paramNames(this.model), this.lastGrads);
		return { position: this.position, loss: value, size, gradients: read };
	}

	/**
	 * Reads the collected batch losses back and reports them in one group, after every group
	 * still being read; settles when all are reported.
	 */
	async flushLosses(): Promise<LossBatch | null> {
		const batch = await this.losses.flush(this.lastLr);
		await this.history.settled();
		this.reads.throwIfFailed();
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
			trainLoss: this.losses.takeEpochMean(),
			validLoss: valid.validLoss,
			validAccuracy: usesNotebookAccuracy(this.recipe.accuracy)
				? valid.notebookAccuracy
				: valid.exactAccuracy,
			exactAccuracy: valid.exactAccuracy,
			notebookAccuracy: valid.notebookAccuracy,
			seconds: this.epochSeconds + (performance.now() - started) / 1000
		};
		this.epochSeconds = 0;
		return metrics;
	}

	/** Loss and accuracy over every test digit (see metrics.ts). */
	validate(): Promise<ValidationMetrics> {
		return validate(this.model, this.batches, this.dataset.testCount, this.recipe.batchSize);
	}

	predict(pixels: Float32Array): Promise<Prediction> {
		return predict(this.model, pixels);
	}

	async snapshot(request: SnapshotRequest): Promise<Snapshot> {
		return {
			position: this.position,
			...(await readSnapshot(this.model, this.lastGrads, request, this.dataset))
		};
	}

	private disposeTensors(): void {
		this.reads.clear();
		this.batches.dispose();
		this.losses.dispose();
		tf.dispose(this.lastGrads);
		this.lastGrads = [];
		this.model.dispose();
	}

	dispose(): void {
		this.disposeTensors();
	}
}
