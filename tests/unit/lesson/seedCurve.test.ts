import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '$lib/engine/protocol';
import {
	compareToSeed,
	runCurvePoints,
	SEED_CURVE,
	seedCurvePoints
} from '$content/lessons/01-mnist/notebook';

function epoch(n: number, validAccuracy: number, exactAccuracy = validAccuracy): EpochMetrics {
	return {
		epoch: n,
		trainLoss: 1,
		validLoss: 1,
		validAccuracy,
		exactAccuracy,
		seedAccuracy: validAccuracy,
		seconds: 1
	};
}

describe('the notebook curve', () => {
	it('holds the 20 printed accuracies, rising from 0.1763 to 0.6374', () => {
		expect(SEED_CURVE).toHaveLength(20);
		expect(SEED_CURVE[0]).toBe(0.1763);
		expect(SEED_CURVE[19]).toBe(0.6374);
		for (let i = 1; i < SEED_CURVE.length; i++)
			expect(SEED_CURVE[i]).toBeGreaterThan(SEED_CURVE[i - 1]);
	});

	it('becomes chart points at epochs 1..20', () => {
		const points = seedCurvePoints();
		expect(points[0]).toEqual({ x: 1, y: 0.1763 });
		expect(points.at(-1)).toEqual({ x: 20, y: 0.6374 });
	});
});

describe('a run against the notebook', () => {
	it('plots the chosen accuracy per epoch', () => {
		const epochs = [epoch(1, 0.2, 0.5), epoch(2, 0.3, 0.6)];
		expect(runCurvePoints(epochs)).toEqual([
			{ x: 1, y: 0.2 },
			{ x: 2, y: 0.3 }
		]);
		expect(runCurvePoints(epochs, 'exactAccuracy').map((p) => p.y)).toEqual([0.5, 0.6]);
	});

	it('reports the largest and the last gap', () => {
		const result = compareToSeed([epoch(1, 0.1763 + 0.05), epoch(2, 0.2779 - 0.01)]);
		expect(result.compared).toBe(2);
		expect(result.maxGap).toBeCloseTo(0.05, 10);
		expect(result.lastGap).toBeCloseTo(-0.01, 10);
	});

	it('ignores epochs beyond the notebook and has no gap before the first epoch', () => {
		expect(compareToSeed([epoch(21, 0.9)]).compared).toBe(0);
		expect(compareToSeed([]).maxGap).toBeNaN();
	});
});
