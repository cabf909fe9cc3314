import { describe, expect, it } from 'vitest';
import {
	describeSetting,
	differenceLabels,
	differingKeys,
	quickChoices
} from '$lib/compare/recipes';
import type { RunConfig } from '$lib/engine/config';

/** The notebook's linear learner. */
const NOTEBOOK: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 1,
	accuracy: 'notebook',
	trainSubset: 0
};
const NET: RunConfig = { ...NOTEBOOK, model: 'mlp', lr: 0.001, accuracy: 'exact' };

describe('differenceLabels', () => {
	it('names each run by the one setting that differs', () => {
		expect(differenceLabels(NOTEBOOK, { ...NOTEBOOK, order: 'shuffled' })).toEqual({
			a: 'sequential',
			b: 'shuffled'
		});
		expect(differenceLabels(NET, { ...NET, lr: 0.1 })).toEqual({ a: 'lr 0.001', b: 'lr 0.1' });
		expect(differenceLabels(NOTEBOOK, { ...NOTEBOOK, initStd: 0.01 })).toEqual({
			a: 'std 1',
			b: 'std 0.01'
		});
	});

	it('lists several differences, the most telling first', () => {
		expect(differenceLabels(NET, { ...NET, lr: 0.1, order: 'shuffled', seed: 2 })).toEqual({
			a: 'sequential, lr 0.001, seed 1',
			b: 'shuffled, lr 0.1, seed 2'
		});
	});

	it('says so when the recipes are the same', () => {
		expect(differenceLabels(NOTEBOOK, { ...NOTEBOOK })).toEqual({
			a: 'same recipe',
			b: 'same recipe'
		});
	});

	it('ignores settings the models do not use', () => {
		// A linear learner has no hidden units; the net has no init std.
		expect(differingKeys(NOTEBOOK, { ...NOTEBOOK, hidden: 64 })).toEqual([]);
		expect(differingKeys(NET, { ...NET, initStd: 0.01 })).toEqual([]);
		expect(differingKeys(NET, { ...NET, hidden: 64 })).toEqual(['hidden']);
		// Linear vs net: the model's name already says its hidden units.
		expect(differenceLabels(NOTEBOOK, { ...NOTEBOOK, model: 'mlp', hidden: 64 })).toEqual({
			a: 'linear',
			b: 'net (64 hidden)'
		});
	});

	it('describes the whole-set subset and the accuracy formula', () => {
		expect(describeSetting('trainSubset', NOTEBOOK)).toBe('all digits');
		expect(describeSetting('trainSubset', { ...NOTEBOOK, trainSubset: 500 })).toBe('500 digits');
		expect(describeSetting('accuracy', NOTEBOOK)).toBe('notebook accuracy');
	});
});

describe('quickChoices', () => {
	it('changes exactly one setting of run A each', () => {
		for (const base of [NOTEBOOK, NET]) {
			for (const choice of quickChoices(base)) {
				expect(differingKeys(base, choice.config), choice.name).toHaveLength(1);
			}
		}
	});

	it('offers the issue’s comparisons for the linear learner, init std only where it applies', () => {
		const names = quickChoices(NOTEBOOK).map((c) => c.name);
		expect(names).toEqual([
			'Sequential vs shuffled',
			'lr 0.1 vs 0.001',
			'Linear vs net',
			'Init std 1 vs 0.01',
			'Seed 1 vs 2'
		]);
		expect(quickChoices(NET).map((c) => c.name)).toEqual([
			'Sequential vs shuffled',
			'lr 0.001 vs 0.1',
			'Net vs linear',
			'Seed 1 vs 2'
		]);
		expect(quickChoices({ ...NOTEBOOK, order: 'shuffled', initStd: 0.01 })[0].config.order).toBe(
			'sequential'
		);
		expect(quickChoices({ ...NOTEBOOK, initStd: 0.01 })[3].config.initStd).toBe(1);
	});
});
