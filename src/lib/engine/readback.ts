/**
 * Reading tensors back for the page: always copies, never the backend's own buffers. On the cpu
 * backend, transferring data()'s buffer to the page hands away the variable's storage and
 * silently corrupts it, and every reply transfers its typed arrays.
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './config';
import type { Model } from './models/build';
import type { MnistDataset } from '../data/dataset';
import type {
	DigitActivations,
	Prediction,
	Snapshot,
	SnapshotRequest,
	TensorSnapshot
} from './protocol';

export async function readCopy(tensor: tf.Tensor): Promise<Float32Array> {
	return ((await tensor.data()) as Float32Array).slice();
}

/** Each tensor with its name and shape; `names[i]` belongs to `tensors[i]`. */
export async function readAll(names: string[], tensors: tf.Tensor[]): Promise<TensorSnapshot[]> {
	return Promise.all(
		tensors.map(async (t, i) => ({
			name: names[i],
			shape: t.shape.slice(),
			values: await readCopy(t)
		}))
	);
}

export function paramNames(model: Model): string[] {
	return model.params.map((p) => p.name);
}

/** Every parameter of the model, in its order. */
export function readParams(model: Model): Promise<TensorSnapshot[]> {
	return readAll(
		paramNames(model),
		model.params.map((p) => p.variable)
	);
}

/** The model's logits, probabilities and (for the net) hidden activations for one digit. */
export async function predict(model: Model, pixels: Float32Array): Promise<Prediction> {
	const [logits, probabilities, hidden] = tf.tidy(() => {
		const forward = model.forward(tf.tensor2d(pixels, [1, PIXELS]));
		return [forward.logits, tf.softmax(forward.logits), forward.hidden];
	});
	const result: Prediction = {
		logits: await readCopy(logits),
		probabilities: await readCopy(probabilities)
	};
	if (hidden) result.hidden = await readCopy(hidden);
	tf.dispose([logits, probabilities, hidden].filter((t) => t !== undefined));
	return result;
}

/** What a snapshot request asks for (weights, the last gradients, one test digit's activations). */
export async function readSnapshot(
	model: Model,
	lastGrads: tf.Tensor[],
	request: SnapshotRequest,
	dataset: MnistDataset
): Promise<Omit<Snapshot, 'position'>> {
	const read: Omit<Snapshot, 'position'> = {};
	if (request.weights) read.weights = await readParams(model);
	if (request.gradients && lastGrads.length > 0) {
		read.gradients = await readAll(paramNames(model), lastGrads);
	}
	if (request.digit !== undefined)
		read.digit = await digitActivations(model, dataset, request.digit);
	return read;
}

async function digitActivations(
	model: Model,
	dataset: MnistDataset,
	index: number
): Promise<DigitActivations> {
	if (!Number.isInteger(index) || index < 0 || index >= dataset.testCount) {
		throw new Error(`test digit ${index} does not exist (0-${dataset.testCount - 1})`);
	}
	const digit = dataset.testDigit(index);
	return {
		index,
		label: digit.label,
		pixels: digit.pixels,
		...(await predict(model, digit.pixels))
	};
}
