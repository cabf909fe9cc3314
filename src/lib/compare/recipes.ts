/**
 * Two runs side by side differ in one setting (or a few): these name the difference ("A:
 * sequential" vs "B: shuffled") and offer the quick second recipes the playground suggests.
 * Pure functions on plain records: no DOM, no tfjs, tested in node.
 */
import { MODEL_FIELDS, type ModelField, type RunConfig } from '../engine/config';
import { modelLabel, nextKind, usesField } from '../engine/models';

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
			return modelLabel(config, 'legend');
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

const isModelField = (key: Key): key is ModelField => (MODEL_FIELDS as Key[]).includes(key);

/**
 * The settings that make a difference between the two recipes. A setting that a model does not
 * use (hidden units of a linear learner, init std of the net) is not a difference, and when the
 * model itself differs its name already says its size (the net's hidden units).
 */
export function differingKeys(a: RunConfig, b: RunConfig): Key[] {
	return KEYS.filter((key) => {
		if (a[key] === b[key]) return false;
		if (isModelField(key)) return a.model === b.model && usesField(a.model, key);
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
	const other = nextKind(a.model);
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
			name: `${capitalise(modelLabel(a, 'short'))} vs ${modelLabel({ ...a, model: other }, 'short')}`,
			config: { ...a, model: other }
		}
	];
	if (usesField(a.model, 'initStd')) {
		const std = a.initStd >= 0.1 ? 0.01 : 1;
		choices.push({ name: `Init std ${a.initStd} vs ${std}`, config: { ...a, initStd: std } });
	}
	choices.push({ name: `Seed ${a.seed} vs ${a.seed + 1}`, config: { ...a, seed: a.seed + 1 } });
	return choices;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
