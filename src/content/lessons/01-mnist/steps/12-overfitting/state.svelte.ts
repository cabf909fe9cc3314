/**
 * Step 12's settings (how many training digits, hidden units and epochs), the subset runs trained
 * so far (a recipe trained already gets the next seed, so pressing again adds a run to compare),
 * and what the last finished subset run memorised and what it gets wrong.
 */
import { PIXELS, type RunConfig } from '$lib/engine/config';
import { digitAt } from '$lib/readout';
import { runName, trainWords, withNextSeed } from '../../shared/runs';
import type { Mnist } from '../../shared/session';
import type { FinishedRun } from '../../shared/state.svelte';
import {
	accuracyOf,
	answers,
	DEFAULT_OVERFIT,
	isSubsetRun,
	memorised,
	misclassified,
	overfitLabel,
	overfitRecipe,
	type OverfitDigits,
	type OverfitDraft
} from './overfitting';
import { formatCount } from '$lib/formatCount';

export class OverfitRun {
	draft = $state<OverfitDraft>({ ...DEFAULT_OVERFIT });
	found = $state.raw<OverfitDigits | null>(null);

	constructor(private readonly lesson: Mnist) {}

	/** The subset runs trained so far (step 12's table and chart). */
	get runs(): FinishedRun[] {
		return this.lesson.shared.runs.filter((r) => isSubsetRun(r.config));
	}

	private base(): RunConfig {
		return overfitRecipe(this.draft, this.lesson.config.seed);
	}

	/** The Run button's words: the run it trains, or the same recipe again with a new seed. */
	actionLabel(): string {
		const { subset, hidden, epochs } = this.draft;
		const fresh = `Train a fresh net: ${hidden} hidden units, ${formatCount(subset)} digits, ${epochs} epochs`;
		return trainWords(this.runs, this.base(), fresh);
	}

	/** The net on the chosen subset for many epochs, then its digits inspected. */
	async train(): Promise<void> {
		const draft = { ...this.draft };
		const config = withNextSeed(this.runs, this.base());
		this.found = null;
		await this.lesson.shared.trainRecipe(config, runName(this.runs, config, overfitLabel(draft)));
		if (this.lesson.run.epochs.length >= config.epochs) await this.inspect();
	}

	/** Training digits the net got right with near certainty, and test digits it gets wrong. */
	async inspect(): Promise<void> {
		const { run, shared } = this.lesson;
		const config = this.lesson.config;
		if (config.model !== 'mlp' || config.trainSubset <= 0) return;
		const subset = Array.from({ length: config.trainSubset }, (_, i) => i);
		const [train, said] = await Promise.all([
			run.call('digits', { set: 'train', indices: subset }),
			run.call('classify', { set: 'train', indices: subset })
		]);
		await shared.countConfusions();
		const confusion = shared.confusion;
		if (!train || !said || !confusion) return;
		const kept = memorised(train.pixels, said.labels, said.predicted, said.confidence);
		const wrong = misclassified(confusion.predictions, confusion.labels);
		const [tests, testSaid] = await Promise.all([
			run.call('digits', { set: 'test', indices: wrong }),
			run.call('classify', { set: 'test', indices: wrong })
		]);
		if (!tests || !testSaid) return;
		const keptPixels = new Uint8Array(kept.length * PIXELS);
		kept.forEach((i, j) => keptPixels.set(digitAt(train.pixels, i), j * PIXELS));
		this.found = {
			config,
			trainAccuracy: accuracyOf(said.predicted, said.labels),
			testAccuracy: confusion.accuracy,
			memorised: answers(subset, keptPixels, said, kept),
			wrong: answers(wrong, tests.pixels, testSaid)
		};
	}
}
