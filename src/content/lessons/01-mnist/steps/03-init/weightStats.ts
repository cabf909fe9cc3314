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
