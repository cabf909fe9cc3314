/**
 * Why the model said what it said about a drawing, as numbers the explanation panel draws.
 * Pure functions on plain arrays (no DOM, no tfjs), tested in node.
 */

export interface UnitContribution {
	/** 0-based hidden unit index (shown as h1, h2, ... to people). */
	unit: number;
	/** The unit's activation after ReLU for this drawing. */
	activation: number;
	/** Its outgoing weight to the winning class, W2[unit, winner]. */
	weight: number;
	/** activation x weight: how much this unit added to the winner's score (logit). */
	contribution: number;
}

/**
 * The net's winning score is z = sum_j h_j W2[j, winner] + b2[winner]: each hidden unit adds
 * h_j W2[j, winner]. Returns the `k` units that added the most, largest first. Units switched
 * off by ReLU (h_j = 0) add nothing whatever their weight.
 */
export function unitContributions(
	hidden: ArrayLike<number>,
	w2: ArrayLike<number>,
	winner: number,
	classes = 10,
	k = 5
): UnitContribution[] {
	const units = hidden.length;
	if (w2.length !== units * classes) {
		throw new RangeError(`W2 holds ${w2.length} values, expected ${units} x ${classes}`);
	}
	if (!Number.isInteger(winner) || winner < 0 || winner >= classes) {
		throw new RangeError(`class ${winner} is outside 0..${classes - 1}`);
	}
	const all = Array.from({ length: units }, (_, unit) => {
		const weight = w2[unit * classes + winner];
		return { unit, activation: hidden[unit], weight, contribution: hidden[unit] * weight };
	});
	return all
		.filter((u) => u.contribution > 0)
		.sort((a, b) => b.contribution - a.contribution || a.unit - b.unit)
		.slice(0, k);
}
