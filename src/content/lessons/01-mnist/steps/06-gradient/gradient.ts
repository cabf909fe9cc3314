/**
 * The arithmetic behind step 6's gradient panel: the size of each class's gradient map, the
 * pixels the batch does not touch, and short numbers for the bars. Pure functions, tested in node.
 */
import { formatSig } from '$lib/viz/scales';

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

/** Where a gradient map has colour: every pixel, only the outer frame, or the batch's ink. */
export type PaintedRegion = 'all' | 'border' | 'ink';

/** How wide the frame of "border" pixels is: MNIST centres each digit in the inner 20 x 20. */
export const BORDER = 4;

/**
 * Which pixels a [784, classes] gradient paints (gives a value other than 0 for some class):
 * all of them, only pixels within BORDER of the edge, or else (some blank, some inside) the
 * pixels the batch's digits inked. With the count of each.
 */
export function paintedRegion(
	matrix: ArrayLike<number>,
	side: number,
	cols: number
): { region: PaintedRegion; painted: number; blank: number } {
	const rows = side * side;
	const blank = zeroRows(matrix, rows, cols);
	let inside = 0;
	for (let i = 0; i < rows; i++) {
		const [r, c] = [Math.floor(i / side), i % side];
		const inner = r >= BORDER && r < side - BORDER && c >= BORDER && c < side - BORDER;
		if (!inner) continue;
		for (let k = 0; k < cols; k++) {
			if (matrix[i * cols + k] !== 0) {
				inside++;
				break;
			}
		}
	}
	const painted = rows - blank;
	const region = blank === 0 ? 'all' : inside === 0 && painted > 0 ? 'border' : 'ink';
	return { region, painted, blank };
}
