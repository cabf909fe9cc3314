/**
 * Read-only questions about a model on the test set, for the lesson's accuracy step.
 */
import * as tf from '@tensorflow/tfjs';
import { MnistDataset } from '../data/dataset';
import { CLASSES, PIXELS } from './config';
import type { Model } from './models/build';
import type { Confusion } from './protocol';

const CHUNK = 1000;

/** Predicts every test digit (in file order) and counts [true digit][predicted digit]. */
export async function confusion(model: Model, dataset: MnistDataset): Promise<Confusion> {
	const { testImages, testLabels } = dataset.data;
	const count = testLabels.length;
	const indices = Uint32Array.from({ length: count }, (_, i) => i);
	const predictions = new Uint8Array(count);
	for (let start = 0; start < count; start += CHUNK) {
		const end = Math.min(start + CHUNK, count);
		const x = MnistDataset.pixels(testImages, indices, start, end);
		const predicted = tf.tidy(() =>
			tf.argMax(model.forward(tf.tensor2d(x, [end - start, PIXELS])).logits, 1)
		);
		predictions.set(await predicted.data(), start);
		predicted.dispose();
	}
	const matrix = new Int32Array(CLASSES * CLASSES);
	let correct = 0;
	for (let i = 0; i < count; i++) {
		matrix[testLabels[i] * CLASSES + predictions[i]]++;
		if (testLabels[i] === predictions[i]) correct++;
	}
	return { matrix, predictions, labels: testLabels.slice(), accuracy: correct / count };
}

/**
 * The model's answer for chosen digits of either set: the predicted digit and the probability
 * (softmax) it gives that digit, with the true labels (the overfitting step's "memorised" digits).
 */
export async function classify(
	model: Model,
	images: Uint8Array,
	labels: Uint8Array,
	indices: number[]
): Promise<{ predicted: Uint8Array; confidence: Float32Array; labels: Uint8Array }> {
	const count = indices.length;
	const predicted = new Uint8Array(count);
	const confidence = new Float32Array(count);
	for (let start = 0; start < count; start += CHUNK) {
		const end = Math.min(start + CHUNK, count);
		const x = MnistDataset.pixels(images, indices, start, end);
		const [top, best] = tf.tidy(() => {
			const probabilities = tf.softmax(model.forward(tf.tensor2d(x, [end - start, PIXELS])).logits);
			return [tf.argMax(probabilities, 1), tf.max(probabilities, 1)];
		});
		predicted.set(await top.data(), start);
		confidence.set(await best.data(), start);
		top.dispose();
		best.dispose();
	}
	return { predicted, confidence, labels: Uint8Array.from(indices, (i) => labels[i]) };
}
