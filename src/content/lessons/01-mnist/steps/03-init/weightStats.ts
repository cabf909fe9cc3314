/**
 * Step 3's numbers about the fresh weights: their histogram and their measured spread (mean,
 * std, range). Pure functions on plain arrays, tested in node.
 */
import { bin } from 'd3';

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

/** The multiples of std step 3's question offers for the largest weight. */
export const STD_MULTIPLES = [1, 2, 4] as const;

/**
 * The largest weight, as a multiple of the std the weights were drawn with, and which of
 * STD_MULTIPLES it is closest to (on a log scale: 1.4 and 2.8 are the boundaries).
 */
export function largestInStds(
	values: ArrayLike<number>,
	std: number
): { largest: number; multiple: number; nearest: (typeof STD_MULTIPLES)[number] } {
	let largest = -Infinity;
	for (let i = 0; i < values.length; i++) largest = Math.max(largest, values[i]);
	const multiple = largest / std;
	const nearest = STD_MULTIPLES.reduce((best, k) =>
		Math.abs(Math.log(multiple / k)) < Math.abs(Math.log(multiple / best)) ? k : best
	);
	return { largest, multiple, nearest };
}
