/**
 * Reading a model's answer by hand: the arithmetic the worker's one-line matrix product hides,
 * written out on plain arrays so the lesson and /draw can show every intermediate number
 * (which pixel added what to which score, the probabilities, the loss). One module for both, so
 * each formula exists once. No DOM, no tfjs, no d3: tested in node.
 */
import { CLASSES, PIXELS } from './engine/config';
import type { TensorSnapshot } from './engine/protocol';

/** A parameter by name in a snapshot ('weights' [784, 10] and 'bias' [10] for the linear learner). */
export function tensorByName(
	tensors: readonly TensorSnapshot[] | null | undefined,
	name: string
): TensorSnapshot | null {
	return tensors?.find((t) => t.name === name) ?? null;
}

/** A [rows, cols] parameter matrix as the engine sends it (row-major). */
export interface Matrix {
	values: Float32Array;
	rows: number;
	cols: number;
}

/** The named snapshot as a matrix, or null when it is missing or not two-dimensional. */
export function matrixOf(
	snapshots: readonly TensorSnapshot[] | null | undefined,
	name = 'weights'
): Matrix | null {
	const t = tensorByName(snapshots, name);
	if (!t || t.shape.length !== 2) return null;
	const [rows, cols] = t.shape;
	return t.values.length === rows * cols ? { values: t.values, rows, cols } : null;
}

/** The 784 values of image `index` in a row-major [n, 784] block (a view, not a copy). */
export function digitAt<T extends Uint8Array | Float32Array>(pixels: T, index: number): T {
	const count = Math.floor(pixels.length / PIXELS);
	if (!Number.isInteger(index) || index < 0 || index >= count) {
		throw new RangeError(`digit ${index} is outside 0..${count - 1}`);
	}
	return pixels.subarray(index * PIXELS, (index + 1) * PIXELS) as T;
}

/**
 * One class's contribution map: pixel i times that class's weight for pixel i, x_i * W[i, c].
 * W is row-major [784, classes], so class c's weight for pixel i sits at weights[i * classes + c].
 * Background pixels are 0, so whatever their weight they contribute exactly 0.
 */
export function contributionMap(
	pixels: ArrayLike<number>,
	weights: ArrayLike<number>,
	classes = CLASSES,
	c = 0
): Float32Array {
	const n = pixels.length;
	if (weights.length !== n * classes) {
		throw new RangeError(`weights hold ${weights.length} values, expected ${n} x ${classes}`);
	}
	if (!Number.isInteger(c) || c < 0 || c >= classes) {
		throw new RangeError(`class ${c} is outside 0..${classes - 1}`);
	}
	const out = new Float32Array(n);
	for (let i = 0; i < n; i++) out[i] = pixels[i] * weights[i * classes + c];
	return out;
}

/** The ten contribution maps, one per class. */
export function contributionMaps(
	pixels: ArrayLike<number>,
	weights: ArrayLike<number>,
	classes = CLASSES
): Float32Array[] {
	return Array.from({ length: classes }, (_, c) => contributionMap(pixels, weights, classes, c));
}

export function sum(values: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < values.length; i++) s += values[i];
	return s;
}

export interface LogitParts {
	/** sum_i x_i W[i, c]: the whole contribution map added up. */
	sums: number[];
	bias: number[];
	/** z_c = sum + bias: the class's score, what the model outputs. */
	logits: number[];
}

/** z_c = sum_i x_i W[i, c] + b_c for every class, keeping the two parts apart to show them. */
export function logitsFrom(
	pixels: ArrayLike<number>,
	weights: ArrayLike<number>,
	bias: ArrayLike<number>,
	classes = CLASSES
): LogitParts {
	if (bias.length !== classes) {
		throw new RangeError(`bias holds ${bias.length} values, expected ${classes}`);
	}
	const sums = contributionMaps(pixels, weights, classes).map(sum);
	const b = Array.from(bias);
	return { sums, bias: b, logits: sums.map((s, c) => s + b[c]) };
}

/** How many hidden activations ReLU set to exactly 0 ("off" units). */
export function countOff(hidden: ArrayLike<number>): number {
	let off = 0;
	for (let i = 0; i < hidden.length; i++) if (hidden[i] === 0) off++;
	return off;
}

/** "h1", "h2", ...: names of the hidden units, counted from 1 as people count. */
export function hiddenLabels(hidden: number): string[] {
	return Array.from({ length: hidden }, (_, i) => `h${i + 1}`);
}

/** Indices of the k largest values, largest first (ties keep the lower index first). */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
	return Array.from(values, (v, i) => ({ v, i }))
		.sort((a, b) => b.v - a.v || a.i - b.i)
		.slice(0, Math.max(0, k))
		.map((e) => e.i);
}

/** Index of the largest value (the first one on ties): the model's answer. -1 for an empty list. */
export function argmax(values: ArrayLike<number>): number {
	let best = -1;
	for (let i = 0; i < values.length; i++) {
		if (best < 0 || values[i] > values[best]) best = i;
	}
	return best;
}

/** log(sum_k e^{z_k}), computed as max + log(sum e^{z_k - max}) so that e^z never overflows. */
export function logSumExp(logits: ArrayLike<number>): number {
	let max = -Infinity;
	for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
	if (!Number.isFinite(max)) return max;
	let total = 0;
	for (let i = 0; i < logits.length; i++) total += Math.exp(logits[i] - max);
	return max + Math.log(total);
}

/**
 * p_c = e^{z_c} / sum_k e^{z_k}. Subtracting the largest logit first changes nothing in the
 * fraction but keeps every exponential at most 1, so logits of 100 or more do not overflow.
 */
export function softmax(logits: ArrayLike<number>): number[] {
	const lse = logSumExp(logits);
	return Array.from(logits, (z) => Math.exp(z - lse));
}

/**
 * Cross-entropy of one digit, -log p_y, as -(z_y - logSumExp(z)): the same number as
 * -Math.log(softmax(z)[y]), but still finite when p_y is too small for a float to hold.
 * Probabilities p work as logits too (softmax(log p) = p), so crossEntropy(p.map(Math.log), y)
 * is -log p_y.
 */
export function crossEntropy(logits: ArrayLike<number>, label: number): number {
	return logSumExp(logits) - logits[label];
}
