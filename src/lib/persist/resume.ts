/**
 * From a saved run to what the engine needs to carry on exactly where it was (the `restore`
 * request), and which saved run a page should bring back. Pure; tested in node.
 */
import type { RunConfig } from '../engine/config';
import type { EpochLosses, RunRestore } from '../engine/protocol';
import type { SavedRun } from './record';

/**
 * The unfinished epoch's batch losses so far: the steps after the last finished epoch, up to the
 * save. Loss steps count batches from 1, so the epoch's batches are the last `batchInEpoch` ones.
 */
export function epochLossesOf(record: SavedRun): EpochLosses {
	const { stepsDone, batchInEpoch } = record.position;
	const from = stepsDone - batchInEpoch;
	let sum = 0;
	let count = 0;
	for (let i = record.lossSteps.length - 1; i >= 0; i--) {
		const step = record.lossSteps[i];
		if (step <= from) break;
		if (step > stepsDone) continue;
		sum += record.lossValues[i];
		count++;
	}
	return { sum, count };
}

/** The engine's `restore` request for a saved run. */
export function restoreRequest(record: SavedRun): RunRestore {
	const { epochsDone, batchInEpoch, stepsDone } = record.position;
	return {
		config: record.config,
		weights: record.weights,
		epochsDone,
		batchInEpoch,
		stepsDone,
		epochLosses: epochLossesOf(record),
		history: record.history
	};
}

/** Two recipes are the same run's when every field agrees. */
export function sameRecipe(a: RunConfig, b: RunConfig): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof RunConfig>;
	for (const key of keys) if (a[key] !== b[key]) return false;
	return true;
}

/**
 * Whether a page brings back its latest saved run on opening: never for a share link (the link
 * says what to show), and under a recipe named in the address only when it is the saved run's.
 */
export function restoresOnOpen(options: {
	sharedLink: boolean;
	/** The recipe the address names, or null when it names none (a plain /playground). */
	addressRecipe: RunConfig | null;
}): (saved: RunConfig) => boolean {
	return (saved) =>
		!options.sharedLink &&
		(options.addressRecipe === null || sameRecipe(saved, options.addressRecipe));
}
