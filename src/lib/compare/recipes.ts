/**
 * Two runs side by side differ in one setting (or a few): these name the difference ("A:
 * sequential" vs "B: shuffled") and offer the quick second recipes the playground suggests.
 * Pure functions on plain records: no DOM, no tfjs, tested in node.
 */
import type { RunConfig } from '../engine/config';

type Key = keyof RunConfig;

/** The order in which differences are named: the settings people change most come first. */
const KEYS: Key[] = [
	'model',
	'order',
	'lr',
	'initStd',
	'hidden',
	'batchSize',
	'trainSubset',
	'epochs',
	'seed',
	'accuracy'
];

/** One setting's value in a few words, as a legend can show it ("lr 0.001", "net"). */
export function describeSetting(key: Key, config: RunConfig): string {
	switch (key) {
		case 'model':
			return config.model === 'mlp' ? `net (${config.hidden} hidden)` : 'linear';
		case 'order':
			return config.order;
		case 'lr':
			return `lr ${config.lr}`;
		case 'initStd':
			return `std ${config.initStd}`;
		case 'hidden':
			return `${config.hidden} hidden`;
		case 'batchSize':
			return `batch ${config.batchSize}`;
		case 'trainSubset':
			return config.trainSubset > 0 ? `${config.trainSubset} digits` : 'all digits';
		case 'epochs':
			return `${config.epochs} epochs`;
		case 'seed':
			return `seed ${config.seed}`;
		case 'accuracy':
			return `${config.accuracy} accuracy`;
	}
}

/**
 * The settings that make a difference between the two recipes. A setting that one model does
 * not use (hidden units of a linear learner, init std of the net) is not a difference, and when
 * the model itself differs its name already says the hidden units.
 */
export function differingKeys(a: RunConfig, b: RunConfig): Key[] {
	const modelDiffers = a.model !== b.model;
	return KEYS.filter((key) => {
		if (a[key] === b[key]) return false;
		if (key === 'hidden') return !modelDiffers && a.model === 'mlp';
		if (key === 'initStd') return a.model === 'linear' && b.model === 'linear';
		return true;
	});
}

/** Each run's name by what sets it apart: { a: 'sequential', b: 'shuffled' }. */
export function differenceLabels(a: RunConfig, b: RunConfig): { a: string; b: string } {
	const keys = differingKeys(a, b);
	if (keys.length === 0) return { a: 'same recipe', b: 'same recipe' };
	return {
		a: keys.map((k) => describeSetting(k, a)).join(', '),
		b: keys.map((k) => describeSetting(k, b)).join(', ')
	};
}

export interface QuickChoice {
	/** What the button says: "Shuffle on vs off". */
	name: string;
	/** The second recipe: the first with that one setting changed. */
	config: RunConfig;
}

/** The one-setting changes worth a button, each applied to run A's recipe. */
export function quickChoices(a: RunConfig): QuickChoice[] {
	const choices: QuickChoice[] = [
		{
			name: a.order === 'shuffled' ? 'Shuffled vs sequential' : 'Sequential vs shuffled',
			config: { ...a, order: a.order === 'shuffled' ? 'sequential' : 'shuffled' }
		},
		{
			name: a.lr >= 0.01 ? `lr ${a.lr} vs 0.001` : `lr ${a.lr} vs 0.1`,
			config: { ...a, lr: a.lr >= 0.01 ? 0.001 : 0.1 }
		},
		{
			name: a.model === 'mlp' ? 'Net vs linear' : 'Linear vs net',
			config: { ...a, model: a.model === 'mlp' ? 'linear' : 'mlp' }
		}
	];
	if (a.model === 'linear') {
		const std = a.initStd >= 0.1 ? 0.01 : 1;
		choices.push({ name: `Init std ${a.initStd} vs ${std}`, config: { ...a, initStd: std } });
	}
	choices.push({ name: `Seed ${a.seed} vs ${a.seed + 1}`, config: { ...a, seed: a.seed + 1 } });
	return choices;
}
