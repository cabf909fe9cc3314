/**
 * Validation metrics over all 10,000 test digits. The device computes each digit's loss and
 * predicted class in a few large chunks and everything is read back once, at the end; the
 * sums and both accuracies are then counted here in plain JS.
 */
import * as tf from '@tensorflow/tfjs';
import { crossEntropyPerDigit } from './train';
import type { BatchMaker } from './batch';
import { CLASSES } from './config';
import type { Model } from './models/build';

export interface ValidationMetrics {
	validLoss: number;
	exactAccuracy: number;
	notebookAccuracy: number;
}

/**
 * Test digits per forward pass: large products are efficient; 2,500 x 784 floats is 7.8 MB
 * (on WASM a lasting tensor of the run's, refilled chunk after chunk: see batch.ts).
 */
export const VALIDATION_CHUNK = 2500;

/**
 * The notebook's batch_accuracy, averaged over its validation batches: in each batch, predicted
 * classes [B] are compared with labels shaped [B, 1]; broadcasting turns that into a [B, B]
 * table (every prediction against every label), and the batch's number is that table's mean.
 * Counting per class gives the same mean without the table: sum over classes c of
 * (predictions of c) x (labels of c), divided by B^2. With class-ordered validation batches
 * most labels in a batch are equal, so the number looks like an accuracy but is not one. The
 * notebook averaged the batches' numbers, so a short last batch weighs as much as a full one.
 */
export function notebookAccuracy(
	predicted: ArrayLike<number>,
	labels: ArrayLike<number>,
	batchSize: number
): number {
	const count = labels.length;
	let total = 0;
	let batches = 0;
	const predictedCounts = new Float64Array(CLASSES);
	const labelCounts = new Float64Array(CLASSES);
	for (let start = 0; start < count; start += batchSize) {
		const end = Math.min(start + batchSize, count);
		predictedCounts.fill(0);
		labelCounts.fill(0);
		for (let i = start; i < end; i++) {
			predictedCounts[predicted[i]]++;
			labelCounts[labels[i]]++;
		}
		let matches = 0;
		for (let c = 0; c < CLASSES; c++) matches += predictedCounts[c] * labelCounts[c];
		total += matches / ((end - start) * (end - start));
		batches++;
	}
	return total / Math.max(1, batches);
}

/** Per digit of a chunk: [loss, predicted class] as two columns, [rows, 2]. */
function lossAndPrediction(model: Model, x: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor2D {
	return tf.tidy(() => {
		const { logits } = model.forward(x);
		const loss = crossEntropyPerDigit(logits, oneHot);
		const predicted = tf.cast(tf.argMax(logits, 1), 'float32');
		return tf.stack([loss, predicted], 1) as tf.Tensor2D;
	});
}

/**
 * Loss and accuracy over every test digit, in the notebook's class order; `batchSize` only
 * shapes the notebook's accuracy formula (which mixes labels within a batch).
 */
export async function validate(
	model: Model,
	batches: BatchMaker,
	testCount: number,
	batchSize: number
): Promise<ValidationMetrics> {
	const count = testCount;
	const labels = new Int32Array(count);
	const chunks: tf.Tensor2D[] = [];
	for (let start = 0; start < count; start += VALIDATION_CHUNK) {
		const chunk = batches.test(start, Math.min(start + VALIDATION_CHUNK, count));
		labels.set(chunk.labels, start);
		chunks.push(lossAndPrediction(model, chunk.x, chunk.oneHot));
		batches.release(chunk);
	}
	const table = tf.concat(chunks);
	const rows = (await table.data()) as Float32Array;
	tf.dispose([table, ...chunks]);
	let lossTotal = 0;
	let correct = 0;
	const predicted = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		lossTotal += rows[2 * i];
		predicted[i] = rows[2 * i + 1];
		if (predicted[i] === labels[i]) correct++;
	}
	return {
		validLoss: lossTotal / count,
		exactAccuracy: correct / count,
		notebookAccuracy: notebookAccuracy(predicted, labels, batchSize)
	};
}
