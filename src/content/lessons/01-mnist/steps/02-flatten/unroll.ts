/**
 * The numbers behind the flatten animation: an image of 28 rows is unrolled one row at a time
 * into a row of 784, so after `rows` rows the first rows * 28 positions of the strip are filled.
 */
import { IMAGE_SIDE as SIDE } from '$lib/engine/config';

/** Row r of the square lands at positions r * 28 ... r * 28 + 27 of the flattened row. */
export function rowSpan(row: number): { first: number; last: number } {
	return { first: row * SIDE, last: row * SIDE + SIDE - 1 };
}

/** A rows-unrolled count kept inside 0..28. */
export function clampRows(rows: number): number {
	return Number.isFinite(rows) ? Math.min(SIDE, Math.max(0, Math.round(rows))) : 0;
}

/** What the stepper says, and what the highlight outlines: the row moved last. */
export function unrollStatus(rows: number): string {
	const n = clampRows(rows);
	if (n === 0) return 'No rows unrolled yet: the row of 784 is empty.';
	const { first, last } = rowSpan(n - 1);
	const done = n === SIDE ? ' All 784 pixels are in the row.' : '';
	return `Row ${n - 1} of the image went to positions ${first}–${last}.${done}`;
}
