/**
 * One batch through the run's model by hand, on plain arrays: the logits, the mean cross-entropy
 * and (for the linear learner) its gradient. Steps 5 and 6 use it to look at batches after the
 * one the engine would take next, with the run's current weights and without training; the
 * engine's own loss and gradient for the next batch are the same formulas (unit tests compare).
 * Pixels come as the file's bytes and are scaled by 1/255 as the notebook does. Pure, float64.
 */
import { CLASSES, PIXELS } from '$lib/engine/config';
import type { TensorSnapshot } from '$lib/engine/protocol';
import { crossEntropy, matrixOf, tensorByName } from '$lib/readout';

/** x_n W + b for every digit of a [count, 784] byte block: [count, out] logits. */
function layer(
	inputs: ArrayLike<number>,
	count: number,
	inSize: number,
	w: Float32Array,
	b: Float32Array,
	scale = 1
): Float64Array {
	const out = b.length;
	const result = new Float64Array(count * out);
	for (let n = 0; n < count; n++) {
		const row = result.subarray(n * out, n * out + out);
		row.set(b);
		for (let i = 0; i < inSize; i++) {
			const x = inputs[n * inSize + i];
			if (x === 0) continue; // blank pixels (most of them) add nothing
			const xi = x * scale;
			for (let c = 0; c < out; c++) row[c] += xi * w[i * out + c];
		}
	}
	return result;
}

/**
 * The logits of `count` digits ([count, 10], row-major) under the run's weights: the linear
 * learner (weights, bias) or the net (W1, b1, ReLU, W2, b2). Null for weights of another shape.
 */
export function batchLogits(
	weights: readonly TensorSnapshot[],
	pixels: Uint8Array,
	count: number
): Float64Array | null {
	const linear = matrixOf(weights, 'weights');
	const bias = tensorByName(weights, 'bias');
	if (linear && bias && linear.rows === PIXELS && linear.cols === CLASSES) {
		return layer(pixels, count, PIXELS, linear.values, bias.values, 1 / 255);
	}
	const [w1, w2] = [matrixOf(weights, 'W1'), matrixOf(weights, 'W2')];
	const [b1, b2] = [tensorByName(weights, 'b1'), tensorByName(weights, 'b2')];
	if (!w1 || !w2 || !b1 || !b2 || w1.rows !== PIXELS || w2.cols !== CLASSES) return null;
	const hidden = layer(pixels, count, PIXELS, w1.values, b1.values, 1 / 255);
	for (let i = 0; i < hidden.length; i++) hidden[i] = Math.max(0, hidden[i]);
	return layer(hidden, count, w1.cols, w2.values, b2.values);
}

/** Mean of -log p_y over the batch, from its logits. */
export function meanCrossEntropy(logits: Float64Array, labels: ArrayLike<number>): number {
	let total = 0;
	for (let n = 0; n < labels.length; n++) {
		total += crossEntropy(logits.subarray(n * CLASSES, (n + 1) * CLASSES), labels[n]);
	}
	return total / labels.length;
}

/**
 * dL/dW and dL/db of the linear learner's mean cross-entropy:
 * dL/dW[i, c] = (1/B) sum_n x_ni (p_nc - [y_n = c]), dL/db[c] = (1/B) sum_n (p_nc - [y_n = c]).
 * Named as the engine names them, so the gradient panel reads either.
 */
export function linearGradient(
	pixels: Uint8Array,
	labels: ArrayLike<number>,
	logits: Float64Array
): TensorSnapshot[] {
	const count = labels.length;
	const gw = new Float64Array(PIXELS * CLASSES);
	const gb = new Float64Array(CLASSES);
	const delta = new Float64Array(CLASSES);
	for (let n = 0; n < count; n++) {
		const z = logits.subarray(n * CLASSES, (n + 1) * CLASSES);
		let max = -Infinity;
		for (const v of z) max = Math.max(max, v);
		let total = 0;
		for (let c = 0; c < CLASSES; c++) total += Math.exp(z[c] - max);
		for (let c = 0; c < CLASSES; c++) {
			delta[c] = (Math.exp(z[c] - max) / total - (labels[n] === c ? 1 : 0)) / count;
			gb[c] += delta[c];
		}
		for (let i = 0; i < PIXELS; i++) {
			const x = pixels[n * PIXELS + i];
			if (x === 0) continue; // a blank pixel gets no gradient from this digit
			const xi = x / 255;
			for (let c = 0; c < CLASSES; c++) gw[i * CLASSES + c] += xi * delta[c];
		}
	}
	return [
		{ name: 'weights', shape: [PIXELS, CLASSES], values: Float32Array.from(gw) },
		{ name: 'bias', shape: [CLASSES], values: Float32Array.from(gb) }
	];
}
