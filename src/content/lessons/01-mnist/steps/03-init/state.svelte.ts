/**
 * Step 3's form: its Run re-initialises the run with this std and seed (the notebook: 1 and 1).
 * The panel keeps it in step with the run, so after "Reset run" it shows what the weights came from.
 */
import { NOTEBOOK_RECIPE } from '../../notebook';

export class InitDraft {
	initStd = $state(NOTEBOOK_RECIPE.initStd);
	seed = $state(NOTEBOOK_RECIPE.seed);
}
