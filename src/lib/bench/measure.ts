/**
 * The two things the benchmark times, on whatever tfjs backend is active: one epoch of our
 * engine loop (Run + trainEpochs) and one epoch of the idiomatic tfjs way (tf.sequential +
 * model.fit). Both see the same 60k digits, batch 256, shuffled order and lr 0.1.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import type { MnistData } from '../data/mnist';
import { CLASSES, PIXELS, type ModelKind } from '../engine/config';
import { layersModel } from '../engine/models/build';
import { Run } from '../engine/run';
import { trainEpochs } from '../engine/trainLoop';
import { BENCH_SETUP, benchRecipe, type ModelResult } from './protocol';

const seconds = (since: number): number => (performance.now() - since) / 1000;

/**
 * A few batches and one validation pass on a throwaway run, so that kernel set-up (WebGL shader
 * compilation, wasm warm-up) is not billed to the timed epoch.
 */
export async function warmOurs(data: MnistData, model: ModelKind): Promise<void> {
	const run = new Run(data, benchRecipe(model, 1, 2048));
	try {
		for (let i = 0; i < 3; i++) await run.trainBatch();
		await run.validate();
	} finally {
		run.dispose();
	}
}

/**
 * One epoch of our loop. Run's epoch seconds include validation over the 10k test digits, so
 * the training time is that minus a separately timed run.validate() right after the epoch.
 */
export async function timeOurs(data: MnistData, model: ModelKind): Promise<ModelResult['ours']> {
	const run = new Run(data, benchRecipe(model));
	try {
		const [metrics] = await trainEpochs(run, 1, () => {});
		const started = performance.now();
		await run.validate();
		const validateSeconds = seconds(started);
		const trainSeconds = metrics.seconds - validateSeconds;
		return {
			trainSeconds,
			epochSeconds: metrics.seconds,
			validateSeconds,
			examplesPerSecond: run.position.trainCount / trainSeconds,
			trainLoss: metrics.trainLoss,
			accuracy: metrics.exactAccuracy
		};
	} finally {
		run.dispose();
	}
}

/** The whole training set as model.fit wants it: x [n, 784] in 0..1, y one-hot [n, 10]. */
export function fitTensors(data: MnistData): { x: tf.Tensor2D; y: tf.Tensor2D; count: number } {
	const count = data.trainLabels.length;
	const identity = new Uint32Array(count).map((_, i) => i);
	const pixels = MnistDataset.pixels(data.trainImages, identity, 0, count);
	const oneHot = new Float32Array(count * CLASSES);
	for (let i = 0; i < count; i++) oneHot[i * CLASSES + data.trainLabels[i]] = 1;
	return {
		x: tf.tensor2d(pixels, [count, PIXELS]),
		y: tf.tensor2d(oneHot, [count, CLASSES]),
		count
	};
}

/**
 * The textbook tfjs model: the same layers our models export (engine/models), softmax output,
 * SGD, categorical cross-entropy.
 */
export function sequential(model: ModelKind): { net: tf.Sequential; optimizer: tf.Optimizer } {
	const net = layersModel(benchRecipe(model));
	const optimizer = tf.train.sgd(BENCH_SETUP.lr);
	net.compile({ optimizer, loss: 'categoricalCrossentropy' });
	return { net, optimizer };
}

export const FIT_OPTIONS = {
	batchSize: BENCH_SETUP.batchSize,
	epochs: BENCH_SETUP.epochs,
	shuffle: true,
	verbose: 0
} as const;

async function fitOnce(
	model: ModelKind,
	x: tf.Tensor2D,
	y: tf.Tensor2D
): Promise<{ seconds: number; trainLoss: number }> {
	const { net, optimizer } = sequential(model);
	try {
		const started = performance.now();
		const history = await net.fit(x, y, FIT_OPTIONS);
		return { seconds: seconds(started), trainLoss: Number(history.history.loss[0]) };
	} finally {
		net.dispose();
		// The optimizer was passed in, so the model does not own (or dispose) it.
		optimizer.dispose();
	}
}

/** model.fit on the first 1024 digits, for the same reason as warmOurs. */
export async function warmFit(model: ModelKind, x: tf.Tensor2D, y: tf.Tensor2D): Promise<void> {
	const [xs, ys] = [x.slice([0, 0], [1024, PIXELS]), y.slice([0, 0], [1024, CLASSES])];
	try {
		await fitOnce(model, xs, ys);
	} finally {
		tf.dispose([xs, ys]);
	}
}

/** One epoch of model.fit; only the fit call is timed, not building tensors or the model. */
export async function timeFit(
	model: ModelKind,
	x: tf.Tensor2D,
	y: tf.Tensor2D
): Promise<ModelResult['fit']> {
	const { seconds: fitSeconds, trainLoss } = await fitOnce(model, x, y);
	return { seconds: fitSeconds, examplesPerSecond: x.shape[0] / fitSeconds, trainLoss };
}
