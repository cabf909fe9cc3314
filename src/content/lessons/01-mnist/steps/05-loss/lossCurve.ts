/**
 * Step 5's curve: the loss -log p against p, sampled so both its flat end and its steep wall near
 * p = 0 are drawn smoothly. Pure functions, tested in node.
 */

export interface CurvePoint {
	p: number;
	loss: number;
}

/**
 * Points on the curve loss = -log p for p in (0, 1], from p = e^{-maxLoss} (where the loss
 * reaches maxLoss) to p = 1 (loss 0). Half the points are evenly spaced in p, half evenly spaced
 * in loss, so both the flat right end and the steep wall near p = 0 are drawn smoothly.
 */
export function negLogCurve(points = 100, maxLoss = 5): CurvePoint[] {
	const half = Math.max(2, Math.ceil(points / 2));
	const pMin = Math.exp(-maxLoss);
	const ps: number[] = [];
	for (let k = 0; k < half - 1; k++) {
		ps.push(pMin + ((1 - pMin) * k) / (half - 1));
		if (k > 0) ps.push(Math.exp(-maxLoss + (maxLoss * k) / (half - 1)));
	}
	ps.sort((a, b) => a - b);
	// Both spacings end at exactly p = 1, which is pushed once here.
	const unique = [...ps.filter((p, i) => i === 0 || p - ps[i - 1] > 1e-12), 1];
	return unique.map((p) => ({ p, loss: Math.log(1 / p) }));
}
