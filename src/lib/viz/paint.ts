/**
 * Pure, DOM-free helpers that turn numbers into pixels: colour lookup tables, value ranges and
 * a painter that fills an RGBA buffer (an ImageData's `data`) in one pass.
 *
 * Keeping this free of the DOM lets it run in node tests and keeps the components thin: a
 * component only owns the <canvas> and calls `paintInto` inside an `$effect`.
 */
import { interpolateGreys, interpolateRdBu, interpolateViridis } from 'd3';

/** A function from t in [0, 1] to a CSS colour string, as d3-scale-chromatic provides. */
export type Interpolator = (t: number) => string;

/**
 * - `diverging`: signed data centred on 0 (weights, gradients).
 * - `greys`: pixel intensities in [0, 1], white paper and black ink like MNIST plots.
 * - `magnitude`: non-negative data such as gradient sizes or activations.
 */
export type Scheme = 'diverging' | 'greys' | 'magnitude';

/**
 * RdBu is a ColorBrewer diverging scheme that stays readable for the common forms of colour
 * blindness; at t = 0 it is dark red, at t = 0.5 near white, at t = 1 dark blue. So negative
 * weights read red, zero fades into the page and positive weights read blue.
 */
export const interpolators: Record<Scheme, Interpolator> = {
	diverging: interpolateRdBu,
	greys: interpolateGreys,
	magnitude: interpolateViridis
};

/**
 * Colour for NaN: a flat mid grey that no diverging or viridis entry equals, so a broken value
 * shows up as a visible patch instead of silently looking like zero.
 */
export const NAN_RGBA: readonly [number, number, number, number] = [128, 128, 128, 255];

/** The smallest scale `maxAbs` returns, so an all-zero matrix still has a usable domain. */
export const MIN_SCALE = 1e-6;

/**
 * An odd number of entries gives the table an exact middle entry, so 0 in a symmetric domain
 * paints the scheme's own neutral colour rather than a shade to one side of it.
 */
export const DEFAULT_STEPS = 257;

/** Parses the two colour formats d3-scale-chromatic returns: `#rrggbb` and `rgb(r, g, b)`. */
export function parseColor(color: string): [number, number, number] {
	const hex = /^#([0-9a-f]{6})$/i.exec(color);
	if (hex) {
		const n = parseInt(hex[1], 16);
		return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
	}
	const rgb = /^rgb\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)$/.exec(
		color
	);
	if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
	throw new Error(`Unsupported colour string: ${color}`);
}

/**
 * Samples an interpolator at `steps` evenly spaced points from t = 0 to t = 1 into an RGBA table.
 * Painting then costs one array lookup per pixel instead of one string parse.
 */
export function colorTable(interpolator: Interpolator, steps = DEFAULT_STEPS): Uint8ClampedArray {
	if (!Number.isInteger(steps) || steps < 2)
		throw new RangeError(`steps must be >= 2, got ${steps}`);
	const table = new Uint8ClampedArray(steps * 4);
	for (let i = 0; i < steps; i++) {
		const [r, g, b] = parseColor(interpolator(i / (steps - 1)));
		table.set([r, g, b, 255], i * 4);
	}
	return table;
}

/** Red (negative) through near white (zero) to blue (positive). */
export function divergingTable(steps = DEFAULT_STEPS): Uint8ClampedArray {
	return colorTable(interpolators.diverging, steps);
}

/** White (0) to black (1), the way MNIST digits are usually drawn. */
export function greysTable(steps = DEFAULT_STEPS): Uint8ClampedArray {
	return colorTable(interpolators.greys, steps);
}

/** Viridis: perceptually uniform and colour-blind safe, for sizes that are never negative. */
export function magnitudeTable(steps = DEFAULT_STEPS): Uint8ClampedArray {
	return colorTable(interpolators.magnitude, steps);
}

const sharedTables = new Map<string, Uint8ClampedArray>();

/**
 * The scheme's table, built on first use and shared after that: step 1's gallery draws 100
 * digits, and building 100 identical tables (257 colour strings parsed each) was a long task
 * of its own. Shared, so read it and never write it.
 */
export function tableFor(scheme: Scheme, steps = DEFAULT_STEPS): Uint8ClampedArray {
	const key = `${scheme} ${steps}`;
	let table = sharedTables.get(key);
	if (!table) {
		table = colorTable(interpolators[scheme], steps);
		sharedTables.set(key, table);
	}
	return table;
}

/**
 * Largest |value| over values[from..to), skipping NaN and infinities (one broken weight should
 * not flatten every other colour to white). Never below MIN_SCALE, so dividing by it is safe.
 */
export function maxAbs(values: ArrayLike<number>, from = 0, to = values.length): number {
	const end = Math.min(to, values.length);
	let m = 0;
	for (let i = Math.max(0, from); i < end; i++) {
		const a = Math.abs(values[i]);
		if (a > m && a !== Infinity) m = a;
	}
	return Math.max(m, MIN_SCALE);
}

/**
 * One symmetric colour scale for several pictures: the largest |value| in any of them (as maxAbs),
 * so the same colour means the same number in each.
 */
export function sharedScale(...arrays: ArrayLike<number>[]): number {
	return Math.max(MIN_SCALE, ...arrays.map((values) => maxAbs(values)));
}

/**
 * The domain a heatmap uses when its parent gives none. Diverging data gets a range symmetric
 * about 0 so that white always means exactly zero; pixels live in [0, 1].
 */
export function defaultDomain(scheme: Scheme, values: ArrayLike<number>): [number, number] {
	if (scheme === 'greys') return [0, 1];
	const m = maxAbs(values);
	return scheme === 'diverging' ? [-m, m] : [0, m];
}

/**
 * Column c of a row-major [rows, cols] matrix. The engine stores W as [784, k], so class (or
 * hidden unit) c owns one weight per pixel: W[i * cols + c] for pixel i. Laid out in pixel order,
 * that column is a 28x28 picture of what the unit looks for.
 */
export function column(matrix: Float32Array, rows: number, cols: number, c: number): Float32Array {
	if (matrix.length !== rows * cols) {
		throw new RangeError(`matrix has ${matrix.length} entries, expected ${rows} x ${cols}`);
	}
	if (!Number.isInteger(c) || c < 0 || c >= cols) {
		throw new RangeError(`column ${c} is outside 0..${cols - 1}`);
	}
	const out = new Float32Array(rows);
	for (let i = 0; i < rows; i++) out[i] = matrix[i * cols + c];
	return out;
}

/**
 * Writes the colour of each value into `out` (RGBA, 4 bytes per value). The value is placed
 * linearly between domain[0] (first table entry) and domain[1] (last entry); values outside the
 * domain take the end colours, NaN takes NAN_RGBA. A zero-width domain paints the middle colour.
 */
export function paintInto(
	out: Uint8ClampedArray,
	values: ArrayLike<number>,
	table: Uint8ClampedArray,
	domain: [number, number]
): void {
	const n = values.length;
	if (out.length < n * 4) {
		throw new RangeError(`output holds ${out.length / 4} pixels, need ${n}`);
	}
	const steps = table.length / 4;
	const last = steps - 1;
	const [lo, hi] = domain;
	const span = hi - lo;
	const usable = Number.isFinite(span) && span !== 0;
	const perUnit = usable ? last / span : 0;
	const middle = Math.round(last / 2);
	for (let i = 0; i < n; i++) {
		const v = values[i];
		const o = i * 4;
		if (Number.isNaN(v)) {
			out[o] = NAN_RGBA[0];
			out[o + 1] = NAN_RGBA[1];
			out[o + 2] = NAN_RGBA[2];
			out[o + 3] = NAN_RGBA[3];
			continue;
		}
		let k = usable ? Math.round((v - lo) * perUnit) : middle;
		if (k < 0) k = 0;
		else if (k > last) k = last;
		const t = k * 4;
		out[o] = table[t];
		out[o + 1] = table[t + 1];
		out[o + 2] = table[t + 2];
		out[o + 3] = table[t + 3];
	}
}
