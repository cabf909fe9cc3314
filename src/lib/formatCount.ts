/**
 * A count the way the prose writes it: 60000 -> "60,000". Grouped by hand, not with
 * toLocaleString: the browser's first Intl number format costs about 30 ms (its locale data),
 * a long task in the middle of a page's hydration or of a step's first drawing. Plain string
 * work with no imports, so the worker, the share links and the lesson can all use it.
 */
export function formatCount(n: number): string {
	if (!Number.isFinite(n)) return '–';
	const whole = Math.round(n);
	const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+$)/g, ',');
	return whole < 0 ? `-${digits}` : digits;
}
