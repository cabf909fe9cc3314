/**
 * The arithmetic behind steps 3 to 5 (initialise, predict, measure the loss), written out by hand
 * so the panels can show every intermediate number the worker's one-line matrix product hides.
 * Pure functions on plain arrays: no DOM, no tfjs, tested in node.
 */
import { bin } from 'd3';
import type { TensorSnapshot } from '../engine/protocol';

/** Finds a parameter by name in a snapshot ('weights' [784, 10], 'bias' [10] for the linear learner). */
export function tensorByName(
	tensors: readonly TensorSnapshot[] | null | undefined,
	name: string
): TensorSnapshot | null {
	return tensors?.find((t) => t.name === name) ?? null;
}

/**
 * One class's contribution map: pixel i times that class's weight for pixel i, x_i * W[i, c].
 * W is row-major [784, classes], so class c's weight for pixel i sits at weights[i * classes + c].
 * Background pixels are 0, so whatever their weight they contribute exactly 0.
 */
export function contributionMap(
	pixels: ArrayLike<number>,
	weights: ArrayLike<number>,
	classes = 10,
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
	classes = 10
): Float32Array[] {
	return Array.from({ length: classes }, (_, c) => contributionMap(pixels, weights, classes, c));
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
	classes = 10
): LogitParts {
	if (bias.length !== classes) {
		throw new RangeError(`bias holds ${bias.length} values, expected ${classes}`);
	}
	const sums = contributionMaps(pixels, weights, classes).map((map) => {
		let sum = 0;
		for (const v of map) sum += v;
		return sum;
	});
	const b = Array.from(bias);
	return { sums, bias: b, logits: sums.map((s, c) => s + b[c]) };
}

/** Index of the largest value (the first one on ties), -1 for an empty list. */
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
	let sum = 0;
	for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
	return max + Math.log(sum);
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
 */
export function crossEntropy(logits: ArrayLike<number>, label: number): number {
	return logSumExp(logits) - logits[label];
}

export interface CurvePoint {
	p: number;
	loss: number;
}

/**
 * Points on the curve loss = -log p for p in (0, 1], from p = e^{-maxLoss} (where the loss
 * reaches maxLoss) to p = 1 (loss 0). Half the points are evenly spaced in p, half evenly spaced
 * in loss, so both the flat right end and the steep wall near p = 0 are drawn smoothly.
 */
export function negLogCurve(points = 100, maxLoss = 5): CurvePoint[] {
	const half = Math.max(2, Math.ceil(points / 2));
	const pMin = Math.exp(-maxLoss);
	const ps: number[] = [];
	for (let k = 0; k < half - 1; k++) {
		ps.push(pMin + ((1 - pMin) * k) / (half - 1));
		if (k > 0) ps.push(Math.exp(-maxLoss + (maxLoss * k) / (half - 1)));
	}
	ps.sort((a, b) => a - b);
	// Both spacings end at exactly p = 1, which is pushed once here.
	const unique = [...ps.filter((p, i) => i === 0 || p - ps[i - 1] > 1e-12), 1];
	return unique.map((p) => ({ p, loss: Math.log(1 / p) }));
}

export interface Bin {
	x0: number;
	x1: number;
	count: number;
}

/** Counts of values in about `bins` equal-width, round-numbered bins (d3-array's bin). */
export function histogram(values: ArrayLike<number>, bins = 30): Bin[] {
	const finite = Array.from(values).filter(Number.isFinite);
	return bin()
		.thresholds(bins)(finite)
		.map((b) => ({ x0: b.x0 ?? 0, x1: b.x1 ?? 0, count: b.length }));
}

export interface Stats {
	count: number;
	mean: number;
	/** Population standard deviation, like torch.randn's std parameter describes. */
	std: number;
	min: number;
	max: number;
}

export function stats(values: ArrayLike<number>): Stats {
	const n = values.length;
	let sum = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		sum += values[i];
		min = Math.min(min, values[i]);
		max = Math.max(max, values[i]);
	}
	const mean = n > 0 ? sum / n : NaN;
	let squares = 0;
	for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
	return { count: n, mean, std: n > 0 ? Math.sqrt(squares / n) : NaN, min, max };
}

/** Which digits a batch holds when the training set is in the seed's class order. */
export interface BatchClasses {
	/** Positions in the class-ordered training set, [start, end). */
	start: number;
	end: number;
	/** The first and last digit in the batch (equal when it holds one class only). */
	first: number;
	last: number;
}

/**
 * In the seed's order (all 0s, then all 1s, ...), batch k covers positions
 * [k * size, (k + 1) * size) and so the classes whose cumulative counts span that range.
 */
export function batchClasses(
	classCounts: readonly number[],
	batchIndex: number,
	batchSize: number
): BatchClasses {
	const total = classCounts.reduce((a, b) => a + b, 0);
	const start = Math.min(batchIndex * batchSize, total);
	const end = Math.min(start + batchSize, total);
	const classAt = (position: number): number => {
		let seen = 0;
		for (let c = 0; c < classCounts.length; c++) {
			seen += classCounts[c];
			if (position < seen) return c;
		}
		return classCounts.length - 1;
	};
	return { start, end, first: classAt(start), last: classAt(Math.max(start, end - 1)) };
}

/**
 * Numbers for the sum + bias = logit captions: two decimals for everyday sizes, more significant
 * digits when the weights are tiny (std 0.01 gives logits like 0.0123), so nothing reads "0.00".
 */
export function formatScore(x: number): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
	const a = Math.abs(x);
	const text = a >= 100 ? x.toFixed(1) : a >= 0.1 || a === 0 ? x.toFixed(2) : x.toPrecision(2);
	return text.replace('-', '−');
}
