/**
 * The three switches of the training step. Each one undoes one of the notebook's choices; the
 * switches together, applied to the notebook's recipe, define the learner's next run.
 */
import type { RunConfig } from '$lib/engine/config';

export interface TrainSwitches {
	/** Mix all ten digits in every batch instead of the notebook's class-by-class order. */
	shuffle: boolean;
	/** Initialise with std 0.01 instead of the notebook's 1. */
	smallInit: boolean;
	/** Count argmax == label over all test digits instead of the notebook's broadcast formula. */
	exactAccuracy: boolean;
}

export const SMALL_INIT_STD = 0.01;

/** Each switch's name, as its checkbox and the step's question say it. */
export const SWITCH_NAMES: Record<keyof TrainSwitches, string> = {
	shuffle: 'Shuffle the batches',
	smallInit: 'Initialise with std 0.01',
	exactAccuracy: 'Measure accuracy correctly'
};

export const NO_SWITCHES: Readonly<TrainSwitches> = {
	shuffle: false,
	smallInit: false,
	exactAccuracy: false
};

/** The notebook's recipe (`base`) with the switches applied; everything else stays as it was. */
export function recipeWithSwitches(base: RunConfig, switches: TrainSwitches): RunConfig {
	return {
		...base,
		order: switches.shuffle ? 'shuffled' : 'sequential',
		initStd: switches.smallInit ? SMALL_INIT_STD : 1,
		accuracy: switches.exactAccuracy ? 'exact' : 'notebook'
	};
}

/** Which switches a recipe has on, read back from its settings (for a finished run's row). */
export function switchesOf(config: RunConfig): TrainSwitches {
	return {
		shuffle: config.order === 'shuffled',
		smallInit: config.initStd !== 1,
		exactAccuracy: config.accuracy === 'exact'
	};
}

/** A run's name in the table: "notebook's recipe", "shuffled", "shuffled + std 0.01 + exact". */
export function switchesLabel(switches: TrainSwitches): string {
	const parts: string[] = [];
	if (switches.shuffle) parts.push('shuffled');
	if (switches.smallInit) parts.push(`std ${SMALL_INIT_STD}`);
	if (switches.exactAccuracy) parts.push('exact');
	return parts.length === 0 ? 'notebook’s recipe' : parts.join(' + ');
}
