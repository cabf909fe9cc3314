/**
 * Validation metrics over all 10,000 test digits, read back once per epoch.
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistDataset } from '../data/dataset';
import { PIXELS } from './config';
import type { Model } from './models/build';
import { correctCount, lossSum, notebookBatchAccuracy } from './train';

export interface ValidationMetrics {
	validLoss: number;
	exactAccuracy: number;
	notebookAccuracy: number;
}

/**
 * Loss and accuracy over every test digit, in the notebook's class order and batch size (the
 * order only matters for the notebook's broadcast formula, which mixes labels within a batch).
 */
export async function validate(
	model: Model,
	dataset: MnistDataset,
	batchSize: number
): Promise<ValidationMetrics> {
	const count = dataset.testCount;
	const perBatch: tf.Tensor[] = [];
	for (let start = 0; start < count; start += batchSize) {
		const end = Math.min(start + batchSize, count);
		const batch = dataset.testBatch(start, end);
		perBatch.push(
			tf.tidy(() => {
				const x = tf.tensor2d(batch.x, [end - start, PIXELS]);
				const y = tf.tensor1d(batch.y, 'int32');
				const { logits } = model.forward(x);
				return tf.stack([
					lossSum(logits, y),
					correctCount(logits, y),
					notebookBatchAccuracy(logits, y)
				]);
			})
		);
	}
	const table = tf.stack(perBatch);
	const rows = await table.data();
	tf.dispose([table, ...perBatch]);
	let lossTotal = 0;
	let correct = 0;
	let notebookTotal = 0;
	for (let b = 0; b < perBatch.length; b++) {
		lossTotal += rows[3 * b];
		correct += rows[3 * b + 1];
		notebookTotal += rows[3 * b + 2];
	}
	return {
		validLoss: lossTotal / count,
		exactAccuracy: correct / count,
		// The notebook averaged batch accuracies, so the short last batch weighs as much as a full one.
		notebookAccuracy: notebookTotal / perBatch.length
	};
}
