import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '$lib/engine/protocol';
import {
	compareToNotebook,
	NOTEBOOK_CURVE,
	notebookCurvePoints
} from '$content/lessons/01-mnist/notebook';

function epoch(n: number, validAccuracy: number, exactAccuracy = validAccuracy): EpochMetrics {
	return {
		epoch: n,
		trainLoss: 1,
		validLoss: 1,
		validAccuracy,
		exactAccuracy,
		notebookAccuracy: validAccuracy,
		seconds: 1
	};
}

describe('the notebook curve', () => {
	it('holds the 20 printed accuracies, rising from 0.1763 to 0.6374', () => {
		expect(NOTEBOOK_CURVE).toHaveLength(20);
		expect(NOTEBOOK_CURVE[0]).toBe(0.1763);
		expect(NOTEBOOK_CURVE[19]).toBe(0.6374);
		for (let i = 1; i < NOTEBOOK_CURVE.length; i++)
			expect(NOTEBOOK_CURVE[i]).toBeGreaterThan(NOTEBOOK_CURVE[i - 1]);
	});

	it('becomes chart points at epochs 1..20', () => {
		const points = notebookCurvePoints();
		expect(points[0]).toEqual({ x: 1, y: 0.1763 });
		expect(points.at(-1)).toEqual({ x: 20, y: 0.6374 });
	});
});

describe('a run against the notebook', () => {
	it('reports the largest and the last gap', () => {
		const result = compareToNotebook([epoch(1, 0.1763 + 0.05), epoch(2, 0.2779 - 0.01)]);
		expect(result.compared).toBe(2);
		expect(result.maxGap).toBeCloseTo(0.05, 10);
		expect(result.lastGap).toBeCloseTo(-0.01, 10);
	});

	it('ignores epochs beyond the notebook and has no gap before the first epoch', () => {
		expect(compareToNotebook([epoch(21, 0.9)]).compared).toBe(0);
		expect(compareToNotebook([]).maxGap).toBeNaN();
	});
});
