/**
 * The arithmetic behind steps 3 and 5 (the weights' spread, the loss curve, which classes a batch
 * holds). The readout itself (contribution maps, softmax, cross-entropy) is in $lib/readout.
 * Pure functions on plain arrays: no DOM, no tfjs, tested in node.
 */
import { bin } from 'd3';

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
