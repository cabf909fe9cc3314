import { describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import {
	NO_SWITCHES,
	recipeWithSwitches,
	switchesLabel,
	switchesOf
} from '$content/lessons/01-mnist/steps/08-train/switches';

const seed: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 7,
	accuracy: 'seed',
	trainSubset: 0
};

describe('training switches', () => {
	it('leave the notebook recipe alone when all are off', () => {
		expect(recipeWithSwitches(seed, NO_SWITCHES)).toEqual(seed);
		expect(switchesLabel(NO_SWITCHES)).toBe('seed recipe');
	});

	it('change only order, std and formula', () => {
		const all = { shuffle: true, smallInit: true, exactAccuracy: true };
		const recipe = recipeWithSwitches(seed, all);
		expect(recipe).toEqual({ ...seed, order: 'shuffled', initStd: 0.01, accuracy: 'exact' });
		expect(switchesLabel(all)).toBe('shuffled + std 0.01 + exact');
		expect(switchesOf(recipe)).toEqual(all);
	});

	it('turning a switch off restores the notebook setting', () => {
		const shuffled = recipeWithSwitches(seed, { ...NO_SWITCHES, shuffle: true });
		expect(switchesLabel(switchesOf(shuffled))).toBe('shuffled');
		expect(recipeWithSwitches(shuffled, NO_SWITCHES)).toEqual(seed);
	});
});
