/**
 * The runs a training step lets the learner compare (steps 8, 11 and 12): whether two runs had
 * the same recipe (the seed aside), the seed a new run of a recipe gets (a new one when that
 * recipe was trained already, so a second press is never a silent repeat), and one chart series
 * per run, each in its own colour, the run still training drawn live after the finished ones.
 */
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import { categorical } from '$lib/viz/scales';

/** What these helpers read of a run: its name, recipe and per-epoch numbers. */
export interface RunLike {
	label: string;
	config: RunConfig;
	epochs: readonly EpochMetrics[];
}

/** The i-th run's colour: the theme's categorical chart colours (src/app.css), in turn. */
export function seriesColour(i: number): string {
	const n = categorical.length;
	return categorical[((i % n) + n) % n];
}

/** True when two recipes differ at most in their seed. */
export function sameRecipe(a: RunConfig, b: RunConfig): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof RunConfig>;
	keys.delete('seed');
	for (const key of keys) if (a[key] !== b[key]) return false;
	return true;
}

/**
 * The seed for the next run of `recipe`: its own seed, unless a run of the same recipe already
 * used that seed; then one past the highest seed that recipe has been trained with.
 */
export function nextSeed(runs: readonly RunLike[], recipe: RunConfig): number {
	const seeds = runs.filter((r) => sameRecipe(r.config, recipe)).map((r) => r.config.seed);
	return seeds.includes(recipe.seed) ? Math.max(...seeds) + 1 : recipe.seed;
}

/** The recipe as the next run will train it: with nextSeed's seed. */
export function withNextSeed(runs: readonly RunLike[], recipe: RunConfig): RunConfig {
	return { ...recipe, seed: nextSeed(runs, recipe) };
}

/** A run's name: the recipe's words, and its seed once the same recipe has another run. */
export function runName(runs: readonly RunLike[], recipe: RunConfig, words: string): string {
	const repeated = runs.some((r) => sameRecipe(r.config, recipe));
	return repeated ? `${words}, seed ${recipe.seed}` : words;
}

/**
 * What a training step's Run button says: what it trains, or, when that recipe was trained
 * already with the current seed, that it trains it again with a new one.
 */
export function trainWords(runs: readonly RunLike[], recipe: RunConfig, fresh: string): string {
	const seed = nextSeed(runs, recipe);
	return seed === recipe.seed ? fresh : `Same recipe as before: train again with seed ${seed}`;
}

export interface RunSeries {
	name: string;
	points: { x: number; y: number }[];
	color: string;
	dashed?: boolean;
	testid?: string;
}

/**
 * One series per run: the finished ones in order, then the live one (still training, not yet in
 * the list), each in its own colour; `value` picks the number drawn after each epoch.
 */
export function runSeries(
	finished: readonly RunLike[],
	live: RunLike | null,
	value: (m: EpochMetrics) => number,
	testid = 'run-curve'
): RunSeries[] {
	const all = live ? [...finished, { ...live, label: `${live.label} (training)` }] : finished;
	return all.map((run, i) => ({
		name: run.label,
		points: run.epochs.map((m) => ({ x: m.epoch, y: value(m) })),
		color: seriesColour(i),
		testid: `${testid}-${i}`
	}));
}

/** "1 epoch", "20 epochs". */
export function epochWords(n: number): string {
	return `${n} epoch${n === 1 ? '' : 's'}`;
}

/** The run a step's action is training now, if the step draws it (`belongs`), for live curves. */
export function liveRun(
	training: { label: string; config: RunConfig } | null,
	epochs: readonly EpochMetrics[],
	belongs: (config: RunConfig) => boolean
): RunLike | null {
	return training && belongs(training.config)
		? { label: training.label, config: training.config, epochs }
		: null;
}
