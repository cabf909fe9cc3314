/**
 * The run recipe as text: the playground's URL query (`/playground?model=linear&lr=0.1`), the
 * command-line trainer's flags (`--lr 0.1`), share links and model files all use these keys,
 * types, defaults and bounds. The defaults are the notebook's linear learner. The model kinds are
 * the registry's (src/lib/engine/models), the training subset's bound the MNIST file table's.
 */
import { TRAIN_COUNT } from '../data/mnistFiles';
import type { BackendPreference, RunConfig } from '../engine/config';
import { MODEL_KINDS } from '../engine/models';
import { parseWith, schemaKeys, serialiseWith, type Parsed, type Schema, quote } from './schema';

/** The most epochs a recipe may train (and so a link or model file may claim). */
export const MAX_EPOCHS = 200;

export const RUN_CONFIG_SCHEMA: Schema<RunConfig> = {
	model: {
		kind: 'enum',
		key: 'model',
		label: 'model',
		values: MODEL_KINDS,
		default: 'linear'
	},
	lr: { kind: 'number', key: 'lr', label: 'learning rate', default: 0.1, min: 1e-6, max: 10 },
	batchSize: {
		kind: 'number',
		key: 'batch',
		label: 'batch size',
		default: 256,
		min: 1,
		max: 4096,
		integer: true
	},
	epochs: {
		kind: 'number',
		key: 'epochs',
		label: 'epochs',
		default: 20,
		min: 1,
		max: MAX_EPOCHS,
		integer: true
	},
	initStd: { kind: 'number', key: 'std', label: 'initial std', default: 1, min: 0, max: 10 },
	hidden: {
		kind: 'number',
		key: 'hidden',
		label: 'hidden units',
		default: 30,
		min: 1,
		max: 512,
		integer: true
	},
	order: {
		kind: 'enum',
		key: 'order',
		label: 'batch order',
		values: ['sequential', 'shuffled'],
		default: 'sequential'
	},
	seed: {
		kind: 'number',
		key: 'seed',
		label: 'seed',
		default: 1,
		min: 0,
		max: 2147483647,
		integer: true
	},
	accuracy: {
		kind: 'enum',
		key: 'accuracy',
		label: 'accuracy formula',
		values: ['exact', 'notebook'],
		default: 'exact',
		// Before the rename, links, flags and model files called the notebook's formula "seed".
		aliases: { seed: 'notebook' }
	},
	trainSubset: {
		kind: 'number',
		key: 'subset',
		label: 'training subset',
		default: 0,
		min: 0,
		max: TRAIN_COUNT,
		integer: true
	}
};

export const BACKEND_FIELD: Schema<{ backend: BackendPreference }> = {
	backend: {
		kind: 'enum',
		key: 'backend',
		label: 'backend',
		values: ['auto', 'webgl', 'wasm', 'cpu'],
		default: 'auto'
	}
};

export interface PageSettings {
	config: RunConfig;
	backend: BackendPreference;
}

const KNOWN_KEYS = new Set([...schemaKeys(RUN_CONFIG_SCHEMA), ...schemaKeys(BACKEND_FIELD)]);

/** Reads a query string; unknown keys are reported, broken values fall back with a message. */
export function parsePageQuery(params: URLSearchParams): Parsed<PageSettings> {
	const get = (key: string) => params.get(key);
	const config = parseWith(RUN_CONFIG_SCHEMA, get);
	const backend = parseWith(BACKEND_FIELD, get);
	const unknown = [...new Set(params.keys())].filter((k) => !KNOWN_KEYS.has(k));
	const messages = [...config.messages, ...backend.messages];
	if (unknown.length > 0) {
		messages.push(
			`Ignored unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map(quote).join(', ')}.`
		);
	}
	return { value: { config: config.value, backend: backend.value.backend }, messages };
}

export function serialisePageQuery(settings: PageSettings): URLSearchParams {
	return new URLSearchParams([
		...serialiseWith(RUN_CONFIG_SCHEMA, settings.config),
		...serialiseWith(BACKEND_FIELD, { backend: settings.backend })
	]);
}
