/**
 * The runs the training steps compare (steps 8, 11, 12): a second press of the same recipe gets
 * a new seed and its own name and curve; each step's question is answered from the runs' own
 * numbers (step 8: which switch helps most; step 11: does the net beat the best linear run).
 */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import { NOTEBOOK_RECIPE } from '$content/lessons/01-mnist/notebook';
import {
	nextSeed,
	runName,
	runSeries,
	sameRecipe,
	seriesColour,
	trainWords
} from '$content/lessons/01-mnist/shared/runs';
import {
	compareSwitches,
	describeBest,
	describeProgress
} from '$content/lessons/01-mnist/steps/08-train/gains';
import { recipeWithSwitches } from '$content/lessons/01-mnist/steps/08-train/switches';
import { revealBeat, verdict } from '$content/lessons/01-mnist/steps/11-train-net/compare';
import { netRecipe } from '$content/lessons/01-mnist/steps/11-train-net/presets';

const metrics = (accuracies: number[], exact = accuracies): EpochMetrics[] =>
	accuracies.map((validAccuracy, i) => ({
		epoch: i + 1,
		trainLoss: 1,
		validLoss: 1,
		validAccuracy,
		exactAccuracy: exact[i],
		notebookAccuracy: validAccuracy,
		seconds: 1
	}));

const recipe = (switches: Partial<Record<'shuffle' | 'smallInit' | 'exactAccuracy', boolean>>) =>
	recipeWithSwitches(
		{ ...NOTEBOOK_RECIPE, epochs: 1 },
		{ shuffle: false, smallInit: false, exactAccuracy: false, ...switches }
	);

const run = (label: string, config: RunConfig, accuracies: number[], exact = accuracies) => ({
	label,
	config,
	epochs: metrics(accuracies, exact)
});

describe('runs of one recipe', () => {
	const first = run('notebook’s recipe', NOTEBOOK_RECIPE, [0.5]);

	it('differ only in their seed', () => {
		expect(sameRecipe(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, seed: 9 })).toBe(true);
		expect(sameRecipe(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, lr: 0.2 })).toBe(false);
	});

	it('get the next seed once the recipe was trained, and say so on the button', () => {
		expect(nextSeed([], NOTEBOOK_RECIPE)).toBe(1);
		expect(nextSeed([first], NOTEBOOK_RECIPE)).toBe(2);
		expect(nextSeed([first], { ...NOTEBOOK_RECIPE, seed: 5 })).toBe(5);
		expect(trainWords([], NOTEBOOK_RECIPE, 'Train 20 epochs')).toBe('Train 20 epochs');
		expect(trainWords([first], NOTEBOOK_RECIPE, 'Train 20 epochs')).toBe(
			'Same recipe as before: train again with seed 2'
		);
		expect(runName([], NOTEBOOK_RECIPE, 'notebook’s recipe')).toBe('notebook’s recipe');
		expect(runName([first], { ...NOTEBOOK_RECIPE, seed: 2 }, 'notebook’s recipe')).toBe(
			'notebook’s recipe, seed 2'
		);
	});

	it('are drawn one curve each, in distinct colours, the live one last', () => {
		const second = run('shuffled', recipe({ shuffle: true }), [0.6, 0.7]);
		const live = run('exact', recipe({ exactAccuracy: true }), [0.2]);
		const series = runSeries([first, second], live, (m) => m.validAccuracy, 'curve');
		expect(series.map((s) => s.name)).toEqual([
			'notebook’s recipe',
			'shuffled',
			'exact (training)'
		]);
		expect(series[1].points).toEqual([
			{ x: 1, y: 0.6 },
			{ x: 2, y: 0.7 }
		]);
		expect(new Set(series.map((s) => s.color)).size).toBe(3);
		expect(series[2].testid).toBe('curve-2');
		expect(seriesColour(0)).toBe('var(--chart-blue)');
		expect(seriesColour(8)).toBe(seriesColour(0));
	});
});

describe('step 8: which switch helps most', () => {
	const runs = [
		run('notebook’s recipe', recipe({}), [0.17]),
		run('shuffled', recipe({ shuffle: true }), [0.59]),
		run('std 0.01', recipe({ smallInit: true }), [0.12])
	];

	it('waits for the notebook’s recipe and each switch alone, with the same epochs', () => {
		const partial = compareSwitches(runs, 1);
		expect(partial.best).toBeNull();
		expect(partial.missing).toEqual(['exactAccuracy']);
		expect(describeProgress(partial)).toContain('still to train: exact alone');
		// A 20-epoch run does not count for a 1-epoch comparison, nor does a run of two switches.
		const other = [
			...runs,
			run('exact, 20', { ...recipe({ exactAccuracy: true }), epochs: 20 }, Array(20).fill(0.6)),
			run('two', recipe({ shuffle: true, exactAccuracy: true }), [0.9])
		];
		expect(compareSwitches(other, 1).missing).toEqual(['exactAccuracy']);
	});

	it('answers from the runs’ own accuracies, with their numbers', () => {
		const all = [...runs, run('exact', recipe({ exactAccuracy: true }), [0.16])];
		const c = compareSwitches(all, 1);
		expect(c.best?.key).toBe('shuffle');
		expect(c.best?.gain).toBeCloseTo(0.42);
		const why = describeBest(c);
		expect(why).toContain('17.0% to 59.0% (+42.0 points');
		expect(why).toContain('std 0.01 −5.0 points');
		expect(why).toContain('no epoch ends on 23 steps of 9s');
		// Another run changes the answer: it is read from the runs, not a key.
		const swapped = [...all, run('std 0.01 again', recipe({ smallInit: true }), [0.8])];
		expect(compareSwitches(swapped, 1).best?.key).toBe('smallInit');
	});
});

describe('step 11: does the net beat the best linear run', () => {
	const linear = run('shuffled', recipe({ shuffle: true }), [0.9], [0.91]);
	const net = (exact: number) =>
		run('net, shuffled, lr 0.1', netRecipe(NOTEBOOK_RECIPE, 'usual', 1), [exact], [exact]);

	it('counts 2 points either way as about the same', () => {
		expect(verdict(0.95, 0.91)).toBe('beats');
		expect(verdict(0.92, 0.91)).toBe('same');
		expect(verdict(0.71, 0.91)).toBe('below');
	});

	it('compares with the best linear run, or else the notebook’s 63.74%', () => {
		const beats = revealBeat(net(0.955), [linear])!;
		expect(beats.answer).toBe('beats');
		expect(beats.why).toContain('ended at 95.5% after 1 epoch, 4.5 points above');
		expect(beats.why).toContain('“shuffled” (91.0%)');
		const alone = revealBeat(net(0.6), [])!;
		expect(alone.answer).toBe('below');
		expect(alone.why).toContain('the notebook’s linear learner (63.7%)');
	});
});
