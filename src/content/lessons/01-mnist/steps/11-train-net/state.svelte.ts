/**
 * Step 11's chosen preset (the notebook's fastai recipe, or the usual practice), which the
 * step's Run trains on a fresh net.
 */
import { NOTEBOOK_RECIPE } from '../../notebook';
import type { Mnist } from '../../shared/session';
import { NET_PRESETS, netRecipe, type NetPreset } from './presets';

export class NetPresetChoice {
	preset = $state<NetPreset>('notebook');

	constructor(private readonly lesson: Mnist) {}

	train(): Promise<void> {
		const recipe = netRecipe({ ...NOTEBOOK_RECIPE, seed: this.lesson.config.seed }, this.preset);
		return this.lesson.shared.trainRecipe(recipe, NET_PRESETS[this.preset].label);
	}
}
