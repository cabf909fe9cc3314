/**
 * Step 8's next run: the three switches and the number of epochs, applied to the notebook's
 * recipe. Both the step's Run button and the panel's "Train with these switches" train it. A
 * recipe trained already gets the next seed, so pressing again always adds a run to compare.
 */
import type { RunConfig } from '$lib/engine/config';
import { NOTEBOOK_RECIPE } from '../../notebook';
import { epochWords, runName, trainWords, withNextSeed } from '../../shared/runs';
import type { Mnist } from '../../shared/session';
import type { FinishedRun } from '../../shared/state.svelte';
import { NO_SWITCHES, recipeWithSwitches, switchesLabel, type TrainSwitches } from './switches';

/** The epochs the learner may pick: one for a quick look, the notebook's 20. */
export const TRAIN_EPOCHS = [1, 5, 20] as const;

/** Runs of the linear learner on all training digits: the ones step 8 trains and compares. */
export function isLinearRun(config: RunConfig): boolean {
	return config.model === 'linear' && config.trainSubset === 0;
}

export class TrainSwitchesState {
	switches = $state<TrainSwitches>({ ...NO_SWITCHES });
	epochs = $state<number>(NOTEBOOK_RECIPE.epochs);

	constructor(private readonly lesson: Mnist) {}

	/** The linear runs trained so far (step 8's table and chart). */
	get runs(): FinishedRun[] {
		return this.lesson.shared.runs.filter((r) => isLinearRun(r.config));
	}

	/** The notebook's recipe with the switches that are on, the chosen epochs and the next seed. */
	recipe(): RunConfig {
		const base = { ...NOTEBOOK_RECIPE, seed: this.lesson.config.seed, epochs: this.epochs };
		return withNextSeed(this.runs, recipeWithSwitches(base, this.switches));
	}

	/** The next run's name in the table: its switches, its epochs unless 20, its seed if repeated. */
	label(recipe = this.recipe()): string {
		const epochs = recipe.epochs === NOTEBOOK_RECIPE.epochs ? '' : `, ${epochWords(recipe.epochs)}`;
		return runName(this.runs, recipe, `${switchesLabel(this.switches)}${epochs}`);
	}

	/** The Run button's words: what the next press trains. */
	actionLabel(): string {
		const recipe = { ...this.recipe(), seed: this.lesson.config.seed };
		return trainWords(
			this.runs,
			recipe,
			`Train ${epochWords(this.epochs)}: ${switchesLabel(this.switches)}`
		);
	}

	/** Trains the next run and names it after its switches ("shuffled + std 0.01"). */
	train(): Promise<void> {
		const recipe = this.recipe();
		return this.lesson.shared.trainRecipe(recipe, this.label(recipe));
	}
}
