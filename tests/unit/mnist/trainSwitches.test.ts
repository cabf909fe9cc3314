import { describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import {
	NO_SWITCHES,
	recipeWithSwitches,
	switchesLabel,
	switchesOf
} from '$content/lessons/01-mnist/steps/08-train/switches';

const notebook: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 7,
	accuracy: 'notebook',
	trainSubset: 0
};

describe('training switches', () => {
	it('leave the notebook recipe alone when all are off', () => {
		expect(recipeWithSwitches(notebook, NO_SWITCHES)).toEqual(notebook);
		expect(switchesLabel(NO_SWITCHES)).toBe('notebook’s recipe');
	});

	it('change only order, std and formula', () => {
		const all = { shuffle: true, smallInit: true, exactAccuracy: true };
		const recipe = recipeWithSwitches(notebook, all);
		expect(recipe).toEqual({ ...notebook, order: 'shuffled', initStd: 0.01, accuracy: 'exact' });
		expect(switchesLabel(all)).toBe('shuffled + std 0.01 + exact');
		expect(switchesOf(recipe)).toEqual(all);
	});

	it('turning a switch off restores the notebook setting', () => {
		const shuffled = recipeWithSwitches(notebook, { ...NO_SWITCHES, shuffle: true });
		expect(switchesLabel(switchesOf(shuffled))).toBe('shuffled');
		expect(recipeWithSwitches(shuffled, NO_SWITCHES)).toEqual(notebook);
	});
});
