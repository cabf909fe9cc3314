import { describe, expect, it } from 'vitest';
import { predictionWith } from '$content/lessons/01-mnist/steps/09-accuracy/accuracyLoss';
import { argmax } from '$lib/readout';

describe('same accuracy, different loss', () => {
	it('answers with the most probable digit', () => {
		expect(argmax([0.1, 0.5, 0.4])).toBe(1);
	});

	it('scores p = 0.51 and p = 0.99 on the true digit as equally accurate', () => {
		const unsure = predictionWith(0.51, 7, 9);
		const sure = predictionWith(0.99, 7, 9);
		for (const p of [unsure, sure]) {
			expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
			expect(p.predicted).toBe(7);
			expect(p.accuracy).toBe(1);
		}
		expect(unsure.loss).toBeCloseTo(0.673, 3);
		expect(sure.loss).toBeCloseTo(0.01005, 5);
	});

	it('gives a wrong answer an accuracy of 0 and a larger loss', () => {
		const wrong = predictionWith(0.3, 7, 9);
		expect(wrong.predicted).toBe(9);
		expect(wrong.accuracy).toBe(0);
		expect(wrong.loss).toBeCloseTo(-Math.log(0.3), 12);
		expect(() => predictionWith(0, 7, 9)).toThrow(RangeError);
	});
});
