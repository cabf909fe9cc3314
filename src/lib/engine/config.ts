/**
 * The run recipe: everything that decides what a training run does. The same record travels in a
 * share link, configures the worker and drives the command-line trainer, so its schema (types,
 * defaults, bounds) lives in src/lib/share/runConfig.ts and this file only names the shape.
 * What each model kind is (its tensors, labels, layers) lives in src/lib/engine/models.
 */
import type { ModelKind } from './models';

export type { ModelKind } from './models';
export { CLASSES, IMAGE_SIDE, PIXELS } from '../data/mnistFiles';

export type BatchOrder = 'sequential' | 'shuffled';
/**
 * `exact`: argmax == label over all 10,000 test digits.
 * `notebook`: the notebook's formula, predictions [B] compared with labels [B, 1], which
 * broadcasts to a [B, B] comparison; kept so the lesson can show why the notebook printed what it
 * did. Links, flags and model files written before the rename say `seed`, which still reads as
 * `notebook` (see the schema's aliases in src/lib/share/runConfig.ts).
 */
export type AccuracyFormula = 'exact' | 'notebook';
export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface RunConfig {
	model: ModelKind;
	/** Learning rate of the hand-written SGD step p <- p - lr * grad. */
	lr: number;
	batchSize: number;
	epochs: number;
	/** Standard deviation of the linear learner's randn initialisation (the notebook uses 1.0). */
	initStd: number;
	/** Hidden units of the net (the notebook uses 30). */
	hidden: number;
	order: BatchOrder;
	seed: number;
	accuracy: AccuracyFormula;
	/** How many training digits to use; 0 means all 60,000. */
	trainSubset: number;
}

/** The recipe fields that only some model kinds read (the others ignore them). */
export type ModelField = 'initStd' | 'hidden';
export const MODEL_FIELDS: readonly ModelField[] = ['initStd', 'hidden'];

/** Whether a run reports the notebook's broadcast accuracy (rather than the exact one). */
export function usesNotebookAccuracy(formula: AccuracyFormula): boolean {
	return formula !== 'exact';
}
