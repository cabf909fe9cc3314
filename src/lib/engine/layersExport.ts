/**
 * The live model as a TensorFlow.js LayersModel (model.json + weights.bin) that
 * `tf.loadLayersModel` can load anywhere, and a check that such files really do load and agree.
 *
 * Our models are hand-written matrix products, not tfjs layers. Rather than writing the
 * LayersModel format by hand (easy to get subtly wrong), we build the same network from real
 * tf.layers layers (each model kind states them, see models/), copy our weights into them and
 * let tfjs save it: the format is right by construction. Dense layers store their kernel as
 * [inputs, outputs], exactly like our W, so the weights go in unchanged. The last layer adds a softmax: our model outputs logits, the exported
 * one probabilities. Softmax keeps the order of its inputs, so both pick the same digit.
 * DOM-free: runs in the worker and in node tests.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import { IMAGE_SIDE, PIXELS, type RunConfig } from './config';
import { layersOf, type Model } from './models/build';

export interface LayersArtifacts {
	/** The text of model.json: topology plus a weights manifest pointing at the weights file. */
	modelJson: string;
	/** The weights file's bytes: every kernel and bias as little-endian float32, in manifest order. */
	weightsBin: ArrayBuffer;
}

/** Which file model.json names for its weights (the page downloads the bytes under this name). */
export function weightsFileName(modelFileName: string): string {
	return `${modelFileName.replace(/\.json$/i, '')}.weights.bin`;
}

/**
 * Saves `model` as LayersModel artifacts. The weights file is named in model.json as
 * `./<weightsName>`, so it must be saved next to model.json under exactly that name.
 */
export async function exportLayersModel(
	model: Model,
	recipe: RunConfig,
	weightsName: string
): Promise<LayersArtifacts> {
	const layers = layersOf(model);
	try {
		let saved: tf.io.ModelArtifacts | null = null;
		await layers.save(
			tf.io.withSaveHandler(async (artifacts) => {
				saved = artifacts;
				return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
			})
		);
		const artifacts = saved as tf.io.ModelArtifacts | null;
		if (!artifacts?.weightSpecs || !artifacts.weightData) {
			throw new Error('tfjs saved the model without its weights');
		}
		const modelJson: tf.io.ModelJSON = {
			modelTopology: artifacts.modelTopology as object,
			format: artifacts.format,
			generatedBy: artifacts.generatedBy,
			convertedBy: artifacts.convertedBy ?? null,
			weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs }],
			userDefinedMetadata: {
				digitLab: {
					recipe: { ...recipe },
					output: 'softmax probabilities of the digits 0-9 (Digit Lab itself works with logits)',
					input: `${PIXELS} pixels of a ${IMAGE_SIDE} x ${IMAGE_SIDE} digit, row by row, scaled to 0..1`
				}
			}
		};
		return {
			modelJson: JSON.stringify(modelJson),
			weightsBin: tf.io.concatenateArrayBuffers(artifacts.weightData)
		};
	} finally {
		layers.dispose();
	}
}

/** Loads LayersModel artifacts from memory, as `tf.loadLayersModel` does from files. */
export async function loadLayersArtifacts(
	modelJson: string,
	weightsBin: ArrayBuffer
): Promise<tf.LayersModel> {
	let parsed: tf.io.ModelJSON;
	try {
		parsed = JSON.parse(modelJson) as tf.io.ModelJSON;
	} catch {
		throw new Error('model.json is not valid JSON');
	}
	const weights = parsed.weightsManifest?.flatMap((group) => group.weights) ?? [];
	return tf.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: parsed.modelTopology,
			weightSpecs: weights,
			weightData: weightsBin
		})
	);
}

/**
 * Loads the artifacts with tf.loadLayersModel and counts on how many of the first `count` test
 * digits its predicted digit equals the live model's.
 */
export async function verifyLayersModel(
	artifacts: LayersArtifacts,
	live: Model,
	testImages: Uint8Array,
	count: number
): Promise<{ agree: number; count: number }> {
	const available = Math.floor(testImages.length / PIXELS);
	const n = Math.max(0, Math.min(Math.floor(count), available));
	const loaded = await loadLayersArtifacts(artifacts.modelJson, artifacts.weightsBin);
	try {
		const indices = Uint32Array.from({ length: n }, (_, i) => i);
		const x = MnistDataset.pixels(testImages, indices, 0, n);
		const [theirs, ours] = tf.tidy(() => {
			const input = tf.tensor2d(x, [n, PIXELS]);
			const predicted = loaded.predict(input) as tf.Tensor2D;
			return [tf.argMax(predicted, 1), tf.argMax(live.forward(input).logits, 1)];
		});
		const [a, b] = await Promise.all([theirs.data(), ours.data()]);
		tf.dispose([theirs, ours]);
		let agree = 0;
		for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
		return { agree, count: n };
	} finally {
		loaded.dispose();
	}
}
