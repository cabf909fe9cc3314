/**
 * What of a RunState goes into a saved run, taken at one moment: the weights a snapshot brought
 * at `position`, and everything up to that position (epochs, batch losses, weight history), read
 * later when the page is idle. A run replaced in between is not saved under the new run's id.
 */
import type { RunConfig } from '../engine/config';
import type { EpochMetrics, HistoryEntry, RunPosition, TensorSnapshot } from '../engine/protocol';
import type { RunInput } from '../persist/record';
import type { BatchSeries } from './batchSeries.svelte';

export interface Saveable {
	runId: string;
	config: RunConfig | null;
	saveAs: string | null;
	epochs: EpochMetrics[];
	history: HistoryEntry[];
	batches: BatchSeries;
	lessonPlace: (() => unknown) | null;
}

export function recordAt(
	run: Saveable,
	position: RunPosition,
	weights: TensorSnapshot[]
): () => RunInput | null {
	const { runId: id, config, saveAs: page } = run;
	return () => {
		if (run.runId !== id || !config || !page) return null;
		const losses = run.batches.all();
		// Loss steps count batches from 1 (step s is the s-th batch): keep those up to the
		// snapshot; any that arrived after it belong to the next save.
		let end = losses.steps.length;
		while (end > 0 && losses.steps[end - 1] > position.stepsDone) end--;
		return {
			id,
			page,
			config,
			position,
			epochs: run.epochs.filter((m) => m.epoch <= position.epochsDone),
			lossSteps: losses.steps.subarray(0, end),
			lossValues: losses.values.subarray(0, end),
			weights,
			history: run.history.filter((e) => e.step <= position.stepsDone),
			lesson: run.lessonPlace?.()
		};
	};
}
