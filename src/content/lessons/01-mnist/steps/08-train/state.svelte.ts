/**
 * Step 8's switches; applied to the notebook's recipe they define the next training run, which
 * both the step's Run button and the panel's "Train with these switches" train.
 */
import type { RunConfig } from '$lib/engine/config';
import { NOTEBOOK_RECIPE } from '../../notebook';
import type { Mnist } from '../../shared/session';
import { NO_SWITCHES, recipeWithSwitches, switchesLabel, type TrainSwitches } from './switches';

export class TrainSwitchesState {
	switches = $state<TrainSwitches>({ ...NO_SWITCHES });

	constructor(private readonly lesson: Mnist) {}

	/** The notebook's recipe (with the current run's seed) and the switches that are on. */
	recipe(): RunConfig {
		return recipeWithSwitches({ ...NOTEBOOK_RECIPE, seed: this.lesson.config.seed }, this.switches);
	}

	/** Trains the switched recipe and names the run after its switches ("shuffled + std 0.01"). */
	train(): Promise<void> {
		return this.lesson.shared.trainRecipe(this.recipe(), switchesLabel(this.switches));
	}
}
