/**
 * Small chart helpers shared by the SVG components: scales with sensible defaults, a
 * colour-blind-safe palette and number formatting for labels and text alternatives.
 */
import { extent, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';

/** What an axis needs from a d3 scale (linear or log): positions, tick values and their words. */
export interface AxisScale {
	(value: number): number;
	range(): number[];
	ticks(count?: number): number[];
	tickFormat(count?: number): (value: number) => string;
}

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** The plot area inside a chart's margins, never narrower or shorter than 10 px. */
export function innerSize(width: number, height: number, margin: Margin) {
	return {
		width: Math.max(10, width - margin.left - margin.right),
		height: Math.max(10, height - margin.top - margin.bottom)
	};
}

/**
 * The charts' named colours, as CSS variables (src/app.css) so that they follow the theme: a
 * series is drawn with `style:stroke`, never a hex code. Okabe-Ito's colour-blind-safe hues,
 * lighter on a dark page; `ink` and `muted` for a reference line, `faint` for raw noisy data.
 */
export const palette = {
	blue: 'var(--chart-blue)',
	vermillion: 'var(--chart-vermillion)',
	green: 'var(--chart-green)',
	pink: 'var(--chart-pink)',
	orange: 'var(--chart-orange)',
	sky: 'var(--chart-sky)',
	yellow: 'var(--chart-yellow)',
	ink: 'var(--ink)',
	muted: 'var(--muted)',
	faint: 'var(--chart-faint)'
} as const;

/**
 * Okabe-Ito, a categorical palette designed to stay distinguishable under the common forms of
 * colour blindness. Yellow goes last because thin yellow lines are hard to see on white.
 */
export const categorical: readonly string[] = [
	palette.blue,
	palette.vermillion,
	palette.green,
	palette.pink,
	palette.orange,
	palette.sky,
	palette.ink,
	palette.yellow
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

/** A log scale (sizes that spread over several powers of ten, e.g. gradient norms). */
export function logScale(
	domain: [number, number],
	range: [number, number]
): ScaleLogarithmic<number, number> {
	return scaleLog().domain(domain).range(range);
}

/** A log axis's range: whole powers of ten around the data, so the ticks are 10^k. */
export function logDomain(values: Iterable<number>): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of values) {
		if (!(v > 0) || !Number.isFinite(v)) continue;
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	if (lo === Infinity) return [1e-3, 1];
	const a = Math.floor(Math.log10(lo));
	const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
	return [10 ** a, 10 ** b];
}

/** The powers of ten from lo to hi (both powers of ten), for a log axis's ticks. */
export function powersOfTen([lo, hi]: [number, number]): number[] {
	const out: number[] = [];
	for (let k = Math.round(Math.log10(lo)); k <= Math.round(Math.log10(hi)); k++) out.push(10 ** k);
	return out;
}

const SUPERSCRIPT: Record<string, string> = {
	'-': '⁻',
	'0': '⁰',
	'1': '¹',
	'2': '²',
	'3': '³',
	'4': '⁴',
	'5': '⁵',
	'6': '⁶',
	'7': '⁷',
	'8': '⁸',
	'9': '⁹'
};

/** 0.001 -> "10⁻³": a power of ten written as people write it. */
export function formatPower(v: number): string {
	const k = Math.round(Math.log10(v));
	if (k === 0) return '1';
	if (k === 1) return '10';
	return `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join('')}`;
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
