/**
 * Step 1's class counts as bars: totals, each digit's share, the most and fewest.
 */

export interface CountBar {
	digit: number;
	count: number;
	/** Bar length: count / the largest count, 0..1. */
	fraction: number;
	/** Share of the whole set, 0..1. */
	share: number;
}

export interface CountSummary {
	total: number;
	bars: CountBar[];
	most: CountBar;
	fewest: CountBar;
}

export function summariseCounts(counts: readonly number[]): CountSummary {
	if (counts.length === 0) throw new RangeError('no classes to count');
	const total = counts.reduce((a, b) => a + b, 0);
	const max = Math.max(1, ...counts);
	const bars = counts.map((count, digit) => ({
		digit,
		count,
		fraction: count / max,
		share: total > 0 ? count / total : 0
	}));
	const most = bars.reduce((a, b) => (b.count > a.count ? b : a));
	const fewest = bars.reduce((a, b) => (b.count < a.count ? b : a));
	return { total, bars, most, fewest };
}
