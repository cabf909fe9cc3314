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

/** Where the first inked pixel (above 0) of a digit lands in its row of 784; null if blank. */
export function firstInk(
	bytes: ArrayLike<number>
): { position: number; row: number; column: number } | null {
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] > 0) return { position: i, row: Math.floor(i / SIDE), column: i % SIDE };
	}
	return null;
}

/** Step 2's question's bands of rows: its first ink in rows 0-3, 4-7 or 8 on. */
export const INK_BANDS = [
	{ value: 'top', label: 'in rows 0–3 (positions 0–111)', fromRow: 0 },
	{ value: 'upper', label: 'in rows 4–7 (positions 112–223)', fromRow: 4 },
	{ value: 'lower', label: 'row 8 or lower (224 on)', fromRow: 8 }
] as const;

/** The band a row falls in. */
export function inkBand(row: number): (typeof INK_BANDS)[number]['value'] {
	return [...INK_BANDS].reverse().find((band) => row >= band.fromRow)!.value;
}

/** The gallery position step 2's Run flattens next: the next class, then the next example. */
export function nextFocus(focus: number, count = 100, perRow = 10): number {
	const next = focus + perRow;
	return next < count ? next : ((focus % perRow) + 1) % perRow;
}
