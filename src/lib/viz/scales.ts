/**
 * Small chart helpers shared by the SVG components: scales with sensible defaults, a
 * colour-blind-safe palette and number formatting for labels and text alternatives.
 */
import { extent, scaleLinear, type ScaleLinear } from 'd3';

/**
 * Okabe-Ito, a categorical palette designed to stay distinguishable under the common forms of
 * colour blindness. Yellow goes last because thin yellow lines are hard to see on white.
 */
export const categorical: readonly string[] = [
	'#0072B2',
	'#D55E00',
	'#009E73',
	'#CC79A7',
	'#E69F00',
	'#56B4E9',
	'#000000',
	'#F0E442'
];

/** A linear scale; with `nice`, the domain is widened to round numbers so ticks land on its ends. */
export function linearScale(
	domain: [number, number],
	range: [number, number],
	nice = false
): ScaleLinear<number, number> {
	const s = scaleLinear().domain(domain).range(range);
	return nice ? s.nice() : s;
}

/**
 * The [min, max] of some numbers, skipping NaN, with a fallback when there are none and a little
 * room when all are equal (a zero-width domain would put every point on one pixel).
 */
export function domainOf(
	values: Iterable<number>,
	fallback: [number, number] = [0, 1]
): [number, number] {
	const finite: number[] = [];
	for (const v of values) if (Number.isFinite(v)) finite.push(v);
	const [lo, hi] = extent(finite);
	if (lo === undefined || hi === undefined) return fallback;
	if (lo === hi) {
		const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
		return [lo - pad, hi + pad];
	}
	return [lo, hi];
}

/** Accuracy as a fraction with four decimals, e.g. 0.87634 -> "0.8763". */
export function formatAccuracy(x: number): string {
	return Number.isFinite(x) ? x.toFixed(4) : '–';
}

/** A fraction as a percentage, e.g. 0.87634 -> "87.6%". */
export function formatPercent(x: number, digits = 1): string {
	return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '–';
}

/**
 * A number to `digits` significant digits without trailing zeros, for legends and text
 * alternatives: 0.83127 -> "0.831", -0.5 -> "-0.5", 1234 -> "1230".
 */
export function formatSig(x: number, digits = 3): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
	if (x === 0) return '0';
	return String(Number(x.toPrecision(digits)));
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
