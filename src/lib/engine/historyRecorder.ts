/**
 * Fills a run's WeightHistory (history.ts) from its tensors: at each recording moment it reads
 * the weights, and the first layer's gradient of the batch just trained, back into plain arrays.
 * data() reads tensors that already exist, so recording creates no tensor.
 */
import type * as tf from '@tensorflow/tfjs';
import { firstLayerIndex, sizeOf } from './models';
import type { Model } from './models/build';
import type { HistoryEntry, HistorySlice } from './protocol';
import { historyLimit, snapshotOrdinal, WeightHistory } from './history';
import { paramNames, readAll, readParams } from './readback';

export class HistoryRecorder {
	private readonly history: WeightHistory;
	private readonly first: number;
	/** The recording of the run's starting weights, made once (reading back is asynchronous). */
	private initial: Promise<void> | null = null;
	/** The latest recording: each enters the history after the one before. */
	private latest: Promise<void> = Promise.resolve();

	constructor(private readonly model: Model) {
		this.first = firstLayerIndex(model.recipe);
		// Each entry: every parameter plus one gradient the size of the first layer, 4 bytes a float.
		const sizes = model.params.map((p) => sizeOf(p.variable.shape));
		const bytes = 4 * (sizes[this.first] + sizes.reduce((a, b) => a + b, 0));
		this.history = new WeightHistory(historyLimit(bytes));
	}

	/** The starting weights, recorded once: before the first batch, or when the page first asks. */
	recordInitial(step: number, batchesPerEpoch: number): Promise<void> {
		this.initial ??= this.record(step, batchesPerEpoch, []);
		return this.initial;
	}

	/**
	 * A restored run's saved moments (the caller gives up their arrays). With none, the restored
	 * weights become the first moment, as for a loaded model.
	 */
	restore(entries: HistoryEntry[], batchesPerEpoch: number): void {
		if (entries.length === 0) return;
		this.history.restore(entries, (step) => snapshotOrdinal(step, batchesPerEpoch));
		this.initial = Promise.resolve();
	}

	/**
	 * The weights after `step` batches, and `grads[first layer]` when there are gradients. The
	 * reads start now (a later update or reset replaces or disposes the tensors, not what they
	 * read); the moment enters the history when they are done, after every earlier one.
	 */
	record(step: number, batchesPerEpoch: number, grads: tf.Tensor[]): Promise<void> {
		const grad = step > 0 ? grads[this.first] : undefined;
		const name = paramNames(this.model)[this.first];
		const reads = Promise.all([
			readParams(this.model),
			grad ? readAll([name], [grad]).then(([g]) => g) : null
		]);
		const recorded = this.latest
			.then(() => reads)
			.then(([weights, gradient]) => {
				this.history.record({ step, epoch: step / batchesPerEpoch, weights, gradient });
			});
		// A failed read fails its own recording, not every later one.
		this.latest = recorded.catch(() => undefined);
		return recorded;
	}

	/** Settles when every recording started so far has entered the history (or failed). */
	settled(): Promise<void> {
		return this.latest;
	}

	/** The remembered moments after step `since` (copies) and every step still kept. */
	slice(since: number): HistorySlice {
		return this.history.slice(since);
	}
}
