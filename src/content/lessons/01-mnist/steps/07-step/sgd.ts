/**
 * The arithmetic behind step 7's SGD step: the change -lr * grad, the new weights, and checking a
 * learning rate typed by hand. Pure functions, tested in node.
 */

/** The largest learning rate the step panel accepts: big enough to watch the loss blow up. */
export const MAX_LR = 10;

/** factor * values, element by element: the step's change is scaleBy(grad, -lr). */
export function scaleBy(values: ArrayLike<number>, factor: number): Float32Array {
	const out = new Float32Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
	return out;
}

/** a + b, element by element: W + (-lr * grad) is the new W. */
export function addArrays(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
	if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
	const out = new Float32Array(a.length);
	for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
	return out;
}

export type LrCheck = { ok: true; value: number } | { ok: false; message: string };

/** Checks a learning rate typed by the learner: a number above 0 and at most MAX_LR. */
export function parseLr(text: string): LrCheck {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, message: 'Type a learning rate, e.g. 0.1.' };
	const value = Number(trimmed);
	if (!Number.isFinite(value)) return { ok: false, message: `“${trimmed}” is not a number.` };
	if (value <= 0) {
		return {
			ok: false,
			message: `lr must be above 0: with ${value} the step would ${value === 0 ? 'not move' : 'climb uphill'}.`
		};
	}
	if (value > MAX_LR) return { ok: false, message: `lr must be at most ${MAX_LR}.` };
	return { ok: true, value };
}
