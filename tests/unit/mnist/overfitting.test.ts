import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '$lib/engine/protocol';
import {
	accuracyOf,
	DEFAULT_OVERFIT,
	describeGap,
	lowestPart,
	lowestValid,
	memorised,
	misclassified,
	overfitGap,
	overfitLabel,
	overfitRecipe,
	revealLowest
} from '$content/lessons/01-mnist/steps/12-overfitting/overfitting';

function epoch(n: number, trainLoss: number, validLoss: number): EpochMetrics {
	return {
		epoch: n,
		trainLoss,
		validLoss,
		validAccuracy: 0.8,
		exactAccuracy: 0.8,
		notebookAccuracy: 0.1,
		seconds: 0.3
	};
}

// Train loss falls all the way; valid loss falls to epoch 3 then climbs.
const curve = [
	epoch(1, 2, 1.9),
	epoch(2, 1, 1.2),
	epoch(3, 0.5, 0.9),
	epoch(4, 0.2, 1.0),
	epoch(5, 0.05, 1.3)
];

describe('overfitting recipe', () => {
	it('is the net on a shuffled subset with the chosen size and hidden units', () => {
		const config = overfitRecipe({ subset: 1000, hidden: 300, epochs: 60 }, 7);
		expect(config).toMatchObject({
			model: 'mlp',
			trainSubset: 1000,
			hidden: 300,
			epochs: 60,
			order: 'shuffled',
			lr: 0.1,
			seed: 7,
			accuracy: 'exact'
		});
		expect(overfitLabel(DEFAULT_OVERFIT)).toBe('net 100 units, 500 digits');
		expect(overfitLabel({ ...DEFAULT_OVERFIT, epochs: 20 })).toBe(
			'net 100 units, 500 digits, 20 epochs'
		);
	});
});

describe('lowest validation loss and the gap', () => {
	it('finds the epoch of the lowest validation loss', () => {
		expect(lowestValid(curve)?.epoch).toBe(3);
		expect(lowestValid([])).toBeNull();
	});

	it('measures the gap and the rise, and says so with the numbers', () => {
		const g = overfitGap(curve)!;
		expect(g.gap).toBeCloseTo(1.25);
		expect(g.rise).toBeCloseTo(0.4);
		expect(g.overfitting).toBe(true);
		const text = describeGap(g);
		expect(text).toContain('epoch 3');
		expect(text).toContain('0.050');
		expect(text).toContain('1.300');
		expect(text).toContain('memorising');
	});

	it('does not call a still-improving run overfitting', () => {
		const g = overfitGap(curve.slice(0, 3))!;
		expect(g.overfitting).toBe(false);
		expect(describeGap(g)).toContain('still near its lowest');
		expect(describeGap(null)).toContain('press Run');
	});

	it('says in which third of the run the validation loss was lowest', () => {
		expect(lowestPart(3, 60)).toBe('early');
		expect(lowestPart(20, 60)).toBe('early');
		expect(lowestPart(21, 60)).toBe('middle');
		expect(lowestPart(40, 60)).toBe('middle');
		expect(lowestPart(41, 60)).toBe('late');
		expect(lowestPart(60, 60)).toBe('late');
	});

	it('reveals the lowest point from the run’s own curve, with its numbers', () => {
		const reveal = revealLowest({ label: 'net 30 units, 100 digits', epochs: curve })!;
		expect(reveal.answer).toBe('middle');
		expect(reveal.why).toContain('0.900, at epoch 3 of 5');
		expect(reveal.why).toContain('fell to 0.050');
		expect(reveal.why).toContain('climbed back to 1.300');
		expect(revealLowest({ label: 'x', epochs: curve.slice(0, 3) })!.answer).toBe('late');
		expect(revealLowest({ label: 'x', epochs: [] })).toBeNull();
	});
});

describe('which digits to show', () => {
	it('counts the accuracy', () => {
		expect(accuracyOf([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
		expect(accuracyOf([], [])).toBeNaN();
	});

	it('picks confident right answers, the most unusual first', () => {
		// Four "digits" of 2 pixels, all class 1: the class mean is (116.25, 111.25).
		const pixels = Uint8Array.from([100, 100, 110, 90, 0, 0, 255, 255]);
		const labels = [1, 1, 1, 1];
		const predicted = [1, 1, 2, 1];
		const confidence = [0.999, 0.99, 0.99, 0.999];
		// digit 2 is wrong; digit 3 is the farthest from the mean, then digit 1 (490 vs 391).
		expect(memorised(pixels, labels, predicted, confidence, 2)).toEqual([3, 1]);
		// None sure enough: the most confident right ones.
		expect(memorised(pixels, labels, predicted, [0.5, 0.6, 0.9, 0.4], 1, 0.99)).toEqual([1]);
	});

	it('lists wrong predictions, one per true digit first', () => {
		const labels = [0, 0, 1, 1, 2, 2];
		const predicted = [5, 6, 1, 7, 2, 8];
		expect(misclassified(predicted, labels, 3)).toEqual([0, 3, 5]);
		expect(misclassified(predicted, labels)).toEqual([0, 3, 5, 1]);
	});
});
