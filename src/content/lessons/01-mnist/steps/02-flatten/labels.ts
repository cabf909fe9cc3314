/**
 * Step 2's labels: which rows of the notebook's class-ordered train_y hold which digit, a few of
 * them to show, and a tensor shape the way PyTorch prints it.
 */

export interface ClassRange {
	digit: number;
	/** First and last row (inclusive) of this digit in the class-ordered stack. */
	first: number;
	last: number;
}

/**
 * The notebook stacks the images folder by folder, so train_y is `count[0]` zeros, then
 * `count[1]` ones, and so on: class c fills one unbroken block of rows.
 */
export function classRanges(counts: readonly number[]): ClassRange[] {
	let start = 0;
	return counts.map((count, digit) => {
		const range = { digit, first: start, last: start + count - 1 };
		start += count;
		return range;
	});
}

export type LabelRow = { row: number; label: number } | { gap: true };

/**
 * A few rows of the class-ordered train_y: the first and last `edge` rows, plus the rows where
 * `digit`'s block starts and ends (with a neighbour on each side), with gaps where rows are left
 * out. Shows in a dozen rows that the labels run 0, 0, 0, ... 9, 9.
 */
export function labelRows(counts: readonly number[], digit: number, edge = 3): LabelRow[] {
	const ranges = classRanges(counts);
	const n = counts.reduce((a, b) => a + b, 0);
	if (n === 0) return [];
	const wanted = new Set<number>();
	for (let i = 0; i < Math.min(edge, n); i++) {
		wanted.add(i);
		wanted.add(n - 1 - i);
	}
	const range = ranges[digit];
	if (range && range.last >= range.first) {
		for (const row of [range.first - 1, range.first, range.last, range.last + 1]) {
			if (row >= 0 && row < n) wanted.add(row);
		}
	}
	const rows = [...wanted].sort((a, b) => a - b);
	const labelOf = (row: number) => ranges.find((r) => row >= r.first && row <= r.last)!.digit;
	const out: LabelRow[] = [];
	rows.forEach((row, i) => {
		if (i > 0 && row !== rows[i - 1] + 1) out.push({ gap: true });
		out.push({ row, label: labelOf(row) });
	});
	return out;
}

/** A tensor shape the way PyTorch prints it: [60000, 784]. */
export function shapeText(dims: readonly number[]): string {
	return `[${dims.join(', ')}]`;
}
