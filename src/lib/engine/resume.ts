/**
 * What a restore request carries, and whether a saved position can be resumed under a recipe: whole numbers, a batch inside its
 * epoch, and a step count that agrees with them. A record from damaged storage or another
 * recipe is refused with words, before anything of the run is changed.
 */
import type { RunConfig } from './config';
import type { HistoryEntry, TensorSnapshot } from './protocol';

/** The sum and count of an epoch's batch losses (its mean so far). */
export interface EpochLosses {
	sum: number;
	count: number;
}

/**
 * A saved run, brought back exactly: its recipe and weights at a position, the unfinished
 * epoch's losses so far (its mean goes on from them), and its remembered moments. The loss steps
 * go on from stepsDone + 1 and the epoch's shuffled order is rebuilt from the seed and epoch.
 */
export interface RunRestore {
	config: RunConfig;
	weights: TensorSnapshot[];
	epochsDone: number;
	batchInEpoch: number;
	stepsDone: number;
	epochLosses: EpochLosses;
	history: HistoryEntry[];
}

type Position = Pick<RunRestore, 'epochsDone' | 'batchInEpoch' | 'stepsDone'>;

export function checkResumable(saved: Position, batchesPerEpoch: number): void {
	const { epochsDone, batchInEpoch, stepsDone } = saved;
	const whole = [epochsDone, batchInEpoch, stepsDone].every((n) => Number.isInteger(n) && n >= 0);
	if (!whole || batchInEpoch >= batchesPerEpoch) {
		throw new Error(
			`the saved run stopped at epoch ${epochsDone + 1}, batch ${batchInEpoch}, which does not fit its recipe (${batchesPerEpoch} batches an epoch)`
		);
	}
	if (stepsDone < batchInEpoch) {
		throw new Error(
			`the saved run counts ${stepsDone} batches but is ${batchInEpoch} into an epoch`
		);
	}
}
