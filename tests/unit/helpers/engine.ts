/** Run recipes and synthetic batches for the engine tests. */
import * as tf from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '$lib/data/mnistFiles';
import type { RunConfig } from '$lib/engine/config';
import { createRng } from '$lib/engine/rng';

/** A quick recipe: 256 training digits in 4 batches (validation still uses all 10,000). */
export function fastConfig(overrides: Partial<RunConfig> = {}): RunConfig {
	return {
		model: 'linear',
		lr: 0.1,
		batchSize: 64,
		epochs: 1,
		initStd: 1,
		hidden: 30,
		order: 'sequential',
		seed: 1,
		accuracy: 'exact',
		trainSubset: 256,
		...overrides
	};
}

/** rows fake digits: pixels in 0..1 (about a fifth of them inked) and labels 0..9. */
export function syntheticBatch(rows: number, seed = 123): { x: Float32Array; y: Int32Array } {
	const rng = createRng(seed, 99);
	const x = new Float32Array(rows * PIXELS);
	for (let i = 0; i < x.length; i++) x[i] = rng.next() < 0.2 ? rng.next() : 0;
	const y = Int32Array.from({ length: rows }, (_, i) => i % CLASSES);
	return { x, y };
}

export function batchTensors(rows: number, seed = 123): { x: tf.Tensor2D; y: tf.Tensor1D } {
	const { x, y } = syntheticBatch(rows, seed);
	return { x: tf.tensor2d(x, [rows, PIXELS]), y: tf.tensor1d(y, 'int32') };
}

/** Sample mean and standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i];
	const mean = sum / values.length;
	let squares = 0;
	for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
	return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}
