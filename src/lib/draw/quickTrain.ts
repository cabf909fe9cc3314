/**
 * The one-click quick training offered when no model has been trained yet: the net (784-30-10)
 * on shuffled batches of 128 with learning rate 0.1 for 2 epochs. That takes seconds, reaches well
 * over 90% on the test set, and is far better than predicting with random weights.
 */
import type { RunConfig } from '../engine/config';

export const QUICK_RECIPE: RunConfig = {
	model: 'mlp',
	lr: 0.1,
	batchSize: 128,
	epochs: 2,
	initStd: 1,
	hidden: 30,
	order: 'shuffled',
	seed: 1,
	accuracy: 'exact',
	trainSubset: 0
};

/** Fraction of a training job done, from the run's position (0 before, 1 after). */
export function trainingFraction(
	position: { epochsDone: number; batchInEpoch: number; batchesPerEpoch: number } | null,
	fromEpoch: number,
	epochs: number
): number {
	if (!position || epochs <= 0) return 0;
	const done =
		position.epochsDone - fromEpoch + position.batchInEpoch / Math.max(1, position.batchesPerEpoch);
	return Math.max(0, Math.min(1, done / epochs));
}
