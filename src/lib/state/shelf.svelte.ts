/**
 * The model shelf: the latest model the learner trained, kept by the root layout so it outlives
 * the page that trained it. The playground and the lesson each own a RunState whose worker is
 * closed when the learner leaves; before that, each finished training puts a copy of the weights
 * here, and /draw loads them into its own run. Shared through context (no module singleton).
 */
import { getContext, setContext } from 'svelte';
import type { RunConfig } from '../engine/config';
import { modelLabel } from '../engine/models';
import type { TensorSnapshot } from '../engine/protocol';

export type ModelSource = 'playground' | 'lesson' | 'draw';

export interface ShelvedModel {
	config: RunConfig;
	weights: TensorSnapshot[];
	epochsDone: number;
	/** Batches trained (the lesson's manual steps count even before a whole epoch). */
	stepsDone: number;
	/** Exact test accuracy after the last finished epoch, when there was one. */
	accuracy: number | null;
	source: ModelSource;
}

/** What RunState exposes that the shelf needs (kept structural, so tests need no worker). */
export interface TrainedRun {
	config: RunConfig | null;
	weights: TensorSnapshot[] | null;
	position: { epochsDone: number; stepsDone: number } | null;
	lastEpoch: { exactAccuracy: number } | null;
}

export class ModelShelf {
	model = $state.raw<ShelvedModel | null>(null);

	/**
	 * Keeps the run's current model once it has trained a whole epoch (a fresh run only guesses,
	 * and a loaded model's position counts whole epochs only).
	 */
	keep(run: TrainedRun, source: ModelSource): void {
		if (!run.config || !run.weights || !run.position || run.position.epochsDone < 1) return;
		this.model = {
			config: run.config,
			weights: run.weights,
			epochsDone: run.position.epochsDone,
			stepsDone: run.position.stepsDone,
			accuracy: run.lastEpoch?.exactAccuracy ?? null,
			source
		};
	}
}

/** "net, 2 epochs, 95.1% on the test set": which model and how trained, as the learner reads it. */
export function describeModel(model: {
	config: RunConfig;
	epochsDone: number;
	stepsDone: number;
	accuracy: number | null;
}): string {
	const kind = modelLabel(model.config, 'named');
	const trained =
		model.epochsDone > 0
			? `${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'}`
			: `${model.stepsDone} batch${model.stepsDone === 1 ? '' : 'es'}`;
	const accuracy =
		model.accuracy === null ? '' : `, ${(model.accuracy * 100).toFixed(1)}% on the test set`;
	return `${kind}, ${trained}${accuracy}`;
}

const KEY = Symbol('model-shelf');

export function provideShelf(shelf: ModelShelf): ModelShelf {
	return setContext(KEY, shelf);
}

/** The shelf, or null outside the root layout (a component rendered on its own in a test). */
export function useShelf(): ModelShelf | null {
	return getContext<ModelShelf | undefined>(KEY) ?? null;
}
