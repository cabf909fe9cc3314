import { describe, expect, it } from 'vitest';
import {
	cellMembers,
	diagonalTotal,
	hardestDigit,
	matrixTotal,
	mostConfused,
	perClassAccuracy,
	sideOf
} from '$content/lessons/01-mnist/steps/09-accuracy/confusion';

/** Counts labels/predictions into a row = true, column = predicted matrix, like the engine. */
function count(labels: number[], predictions: number[], n = 10): Int32Array {
	const matrix = new Int32Array(n * n);
	labels.forEach((label, i) => matrix[label * n + predictions[i]]++);
	return matrix;
}

const labels = [4, 4, 4, 9, 9, 3, 5, 5, 7, 0];
const predictions = [4, 9, 9, 9, 4, 5, 5, 5, 9, 0];
const matrix = count(labels, predictions);

describe('confusion counting', () => {
	it('knows the size, the total and the correct ones', () => {
		expect(sideOf(matrix)).toBe(10);
		expect(matrixTotal(matrix)).toBe(10);
		expect(diagonalTotal(matrix)).toBe(5);
		expect(() => sideOf(new Int32Array(99))).toThrow(RangeError);
	});

	it('computes per-class accuracy as diagonal over row sum', () => {
		const perClass = perClassAccuracy(matrix);
		expect(perClass[4]).toEqual({ digit: 4, correct: 1, total: 3, accuracy: 1 / 3 });
		expect(perClass[5].accuracy).toBe(1);
		expect(perClass[3].accuracy).toBe(0);
		expect(perClass[1].accuracy).toBeNaN();
	});

	it('finds the members of a cell, in file order, matching its count', () => {
		expect(cellMembers(predictions, labels, 4, 9)).toEqual([1, 2]);
		expect(cellMembers(predictions, labels, 9, 4)).toEqual([4]);
		expect(cellMembers(predictions, labels, 1, 1)).toEqual([]);
		for (let r = 0; r < 10; r++)
			for (let c = 0; c < 10; c++)
				expect(cellMembers(predictions, labels, r, c)).toHaveLength(matrix[r * 10 + c]);
		expect(() => cellMembers([1], [1, 2], 1, 1)).toThrow(RangeError);
	});

	it('lists the most confused pairs, largest first, ignoring the diagonal', () => {
		expect(mostConfused(matrix, 3)).toEqual([
			{ truth: 4, predicted: 9, count: 2 },
			{ truth: 3, predicted: 5, count: 1 },
			{ truth: 7, predicted: 9, count: 1 }
		]);
		expect(mostConfused(count([1, 2], [1, 2]))).toEqual([]);
	});
});

describe('the hardest digit', () => {
	it('is the lowest share right, with what it is most often taken for', () => {
		// Four 3s: two right, two read as 5; four 5s, three right.
		const m = count([3, 3, 3, 3, 5, 5, 5, 5], [3, 3, 5, 5, 5, 5, 5, 8]);
		const hardest = hardestDigit(m)!;
		expect(hardest).toMatchObject({ digit: 3, correct: 2, total: 4, mistakenFor: 5, times: 2 });
		expect(hardest.accuracy).toBe(0.5);
		expect(hardestDigit(new Int32Array(100))).toBeNull();
	});
});
