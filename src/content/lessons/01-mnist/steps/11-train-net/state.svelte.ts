/**
 * Step 11's next run: the chosen preset (the notebook's fastai recipe, or the usual practice)
 * and the number of epochs, trained on a fresh net by the step's Run. A preset trained already
 * gets the next seed, so pressing again always adds a run to compare.
 */
import type { RunConfig } from '$lib/engine/config';
import { NOTEBOOK_RECIPE } from '../../notebook';
import { epochWords, runName, trainWords, withNextSeed } from '../../shared/runs';
import type { Mnist } from '../../shared/session';
import type { FinishedRun } from '../../shared/state.svelte';
import { isNetRun, NET_PRESETS, netRecipe, type NetPreset } from './presets';

export class NetPresetChoice {
	preset = $state<NetPreset>('notebook');
	epochs = $state(20);
	/** The runs that existed when the last net run started: what its question compares with. */
	before = $state.raw<FinishedRun[]>([]);

	constructor(private readonly lesson: Mnist) {}

	/** The net runs trained so far (step 11's table and chart). */
	get runs(): FinishedRun[] {
		return this.lesson.shared.runs.filter((r) => isNetRun(r.config));
	}

	private base(): RunConfig {
		const base = { ...NOTEBOOK_RECIPE, seed: this.lesson.config.seed };
		return netRecipe(base, this.preset, this.epochs);
	}

	recipe(): RunConfig {
		return withNextSeed(this.runs, this.base());
	}

	label(recipe = this.recipe()): string {
		const epochs = recipe.epochs === 20 ? '' : `, ${epochWords(recipe.epochs)}`;
		return runName(this.runs, recipe, `${NET_PRESETS[this.preset].label}${epochs}`);
	}

	actionLabel(): string {
		const fresh = `Train the net: ${NET_PRESETS[this.preset].name.toLowerCase()}, ${epochWords(this.epochs)}`;
		return trainWords(this.runs, this.base(), fresh);
	}

	train(): Promise<void> {
		const recipe = this.recipe();
		this.before = this.lesson.shared.runs;
		return this.lesson.shared.trainRecipe(recipe, this.label(recipe));
	}
}
