/**
 * The run recipe: everything that decides what a training run does. The same record travels in a
 * share link, configures the worker and drives the command-line trainer, so its schema (types,
 * defaults, bounds) lives in src/lib/share/runConfig.ts and this file only names the shape.
 */
export type ModelKind = 'linear' | 'mlp';
export type BatchOrder = 'sequential' | 'shuffled';
/**
 * `exact`: argmax == label over all 10,000 test digits.
 * `seed`: the notebook's formula, predictions [B] compared with labels [B, 1], which broadcasts
 * to a [B, B] comparison; kept so the lesson can show why the notebook printed what it did.
 */
export type AccuracyFormula = 'exact' | 'seed';
export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface RunConfig {
	model: ModelKind;
	/** Learning rate of the hand-written SGD step p <- p - lr * grad. */
	lr: number;
	batchSize: number;
	epochs: number;
	/** Standard deviation of the linear learner's randn initialisation (the seed uses 1.0). */
	initStd: number;
	/** Hidden units of the net (the seed uses 30). */
	hidden: number;
	order: BatchOrder;
	seed: number;
	accuracy: AccuracyFormula;
	/** How many training digits to use; 0 means all 60,000. */
	trainSubset: number;
}

export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const CLASSES = 10;
