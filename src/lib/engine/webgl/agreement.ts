/**
 * How far a result computed a new way on the device is from the same result computed the tfjs
 * way: the largest difference, relative to the value where that is above 1 (sums of many terms),
 * and Infinity for a NaN where a number was due. The WebGL fast paths are used only when this
 * stays within their tolerance.
 */
export function largestDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
	if (actual.length !== expected.length) return Infinity;
	let largest = 0;
	for (let i = 0; i < actual.length; i++) {
		const error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
		largest = Math.max(largest, Number.isNaN(error) ? Infinity : error);
	}
	return largest;
}
