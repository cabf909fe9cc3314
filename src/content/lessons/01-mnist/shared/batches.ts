/**
 * The arithmetic behind the lesson's gradient and step panels (steps 6 and 7), kept free of the
 * DOM so it can be tested in node: the size of each class's gradient map, the change a step
 * makes (-lr * grad), which batch a report is about, and checking a learning rate typed by hand.
 */
import type { RunPosition } from '$lib/engine/protocol';
import { sum } from '$lib/readout';
import { formatSig } from '$lib/viz/scales';

/** The largest learning rate the step panel accepts: big enough to watch the loss blow up. */
export const MAX_LR = 10;

/**
 * The L2 norm of every column: sqrt(sum over pixels i of g[i, c]^2). For dL/dW this is how
 * hard the batch pulls on class c's template as a whole, one number per class.
 */
export function columnNorms(matrix: ArrayLike<number>, rows: number, cols: number): Float64Array {
	if (matrix.length !== rows * cols) {
		throw new RangeError(`matrix has ${matrix.length} entries, expected ${rows} x ${cols}`);
	}
	const sums = new Float64Array(cols);
	for (let i = 0; i < rows; i++) {
		for (let c = 0; c < cols; c++) {
			const v = matrix[i * cols + c];
			sums[c] += v * v;
		}
	}
	return sums.map(Math.sqrt);
}

/**
 * How many rows are exactly 0 in every column. For dL/dW a row is one pixel: it is all zeros
 * when that pixel is blank in every digit of the batch (the border, for one), because each
 * digit's contribution to dL/dW[i, c] is its pixel value x_i times (p_c - [y = c]).
 */
export function zeroRows(matrix: ArrayLike<number>, rows: number, cols: number): number {
	let count = 0;
	for (let i = 0; i < rows; i++) {
		let zero = true;
		for (let c = 0; c < cols && zero; c++) zero = matrix[i * cols + c] === 0;
		if (zero) count++;
	}
	return count;
}

/** factor * values, element by element: the step's change is scaleBy(grad, -lr). */
export function scaleBy(values: ArrayLike<number>, factor: number): Float32Array {
	const out = new Float32Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
	return out;
}

/** a + b, element by element: W + (-lr * grad) is the new W. */
export function addArrays(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
	if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
	const out = new Float32Array(a.length);
	for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
	return out;
}

/** Where a batch sits: its number since initialisation and within its epoch (all 1-based). */
export interface BatchPlace {
	number: number;
	inEpoch: number;
	perEpoch: number;
	epoch: number;
}

/** A gradient or loss report is measured on the batch training would take next. */
export function nextBatchPlace(p: RunPosition): BatchPlace {
	return {
		number: p.stepsDone + 1,
		inEpoch: p.batchInEpoch + 1,
		perEpoch: p.batchesPerEpoch,
		epoch: p.epochsDone + 1
	};
}

/**
 * A step report's position is taken after the step, so the batch it trained is the last one
 * counted; when that batch ended an epoch, the position has already rolled over to the next.
 */
export function trainedBatchPlace(p: RunPosition): BatchPlace {
	const rolled = p.batchInEpoch === 0 && p.epochsDone > 0;
	return {
		number: p.stepsDone,
		inEpoch: rolled ? p.batchesPerEpoch : p.batchInEpoch,
		perEpoch: p.batchesPerEpoch,
		epoch: rolled ? p.epochsDone : p.epochsDone + 1
	};
}

/** "batch 1 (1 of 235 in epoch 1)" */
export function describeBatch(place: BatchPlace): string {
	return `batch ${place.number} (${place.inEpoch} of ${place.perEpoch} in epoch ${place.epoch})`;
}

export interface DigitCount {
	digit: number;
	count: number;
}

/**
 * Which digits fill positions [start, end) of the class-ordered ("sequential") training order,
 * given how many training digits each class has: all 0s first, then all 1s, and so on.
 */
export function sequentialBatchDigits(
	classCounts: readonly number[],
	start: number,
	end: number
): DigitCount[] {
	const out: DigitCount[] = [];
	let from = 0;
	classCounts.forEach((count, digit) => {
		const overlap = Math.min(end, from + count) - Math.max(start, from);
		if (overlap > 0) out.push({ digit, count: overlap });
		from += count;
	});
	return out;
}

/** "all 0s", or "0s and 1s (120 + 136)" (without the counts: "0s and 1s"). */
export function describeDigits(parts: readonly DigitCount[], withCounts = true): string {
	if (parts.length === 0) return 'no digits';
	if (parts.length === 1) return `all ${parts[0].digit}s`;
	const names = parts.map((p) => `${p.digit}s`);
	const last = names.pop();
	const counts = withCounts ? ` (${parts.map((p) => p.count).join(' + ')})` : '';
	return `${names.join(', ')} and ${last}${counts}`;
}

/**
 * The digits of a batch when the run takes its batches in class order, e.g. "all 0s"; null
 * when the order is shuffled or the class counts are not those of the run's training set.
 */
export function classOrderedDigits(
	classCounts: readonly number[] | null | undefined,
	order: string,
	batchSize: number,
	place: BatchPlace,
	trainCount: number,
	withCounts = true
): string | null {
	if (!classCounts || order !== 'sequential' || sum(classCounts) !== trainCount) return null;
	const start = (place.inEpoch - 1) * batchSize;
	const end = Math.min(start + batchSize, trainCount);
	return describeDigits(sequentialBatchDigits(classCounts, start, end), withCounts);
}

export type LrCheck = { ok: true; value: number } | { ok: false; message: string };

/** Checks a learning rate typed by the learner: a number above 0 and at most MAX_LR. */
export function parseLr(text: string): LrCheck {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, message: 'Type a learning rate, e.g. 0.1.' };
	const value = Number(trimmed);
	if (!Number.isFinite(value)) return { ok: false, message: `“${trimmed}” is not a number.` };
	if (value <= 0) {
		return {
			ok: false,
			message: `lr must be above 0: with ${value} the step would ${value === 0 ? 'not move' : 'climb uphill'}.`
		};
	}
	if (value > MAX_LR) return { ok: false, message: `lr must be at most ${MAX_LR}.` };
	return { ok: true, value };
}

/**
 * A number short enough to print on a bar: 2 significant digits, and exponent notation below
 * 0.01 so tiny gradients stay short ("3.3e-5" rather than "0.000033").
 */
export function formatShort(x: number): string {
	if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 0.01) return formatSig(x, 2);
	return x.toExponential(1);
}

/** The k largest values with their class: "0 (8.4), 7 (4.3) and 6 (2.8)". */
export function largestClasses(values: ArrayLike<number>, k = 3): string {
	const ranked = Array.from(values, (v, c) => ({ v, c }))
		.filter((e) => Number.isFinite(e.v))
		.sort((a, b) => b.v - a.v)
		.slice(0, k)
		.map((e) => `${e.c} (${formatShort(e.v)})`);
	const last = ranked.pop();
	return ranked.length > 0 ? `${ranked.join(', ')} and ${last}` : (last ?? '');
}

/** A loss for reading: 4 significant digits. */
export function formatLoss(x: number | null | undefined): string {
	return x == null ? '–' : formatSig(x, 4);
}

/** How much the loss changed, as a signed percentage of the loss before: "−34.2%". */
export function formatLossChange(before: number | null, after: number | null): string {
	if (before == null || after == null || !Number.isFinite(before) || before === 0) return '–';
	const pct = ((after - before) / Math.abs(before)) * 100;
	if (!Number.isFinite(pct)) return '–';
	return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)}%`;
}
