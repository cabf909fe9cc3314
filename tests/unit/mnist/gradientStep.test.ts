import { describe, expect, it } from 'vitest';
import type { RunPosition } from '$lib/engine/protocol';
import { sharedScale } from '$lib/viz/paint';
import { MAX_LR, addArrays, parseLr, scaleBy } from '$content/lessons/01-mnist/steps/07-step/sgd';
import {
	classOrderedDigits,
	describeBatch,
	describeDigits,
	formatLoss,
	formatLossChange,
	nextBatchPlace,
	sequentialBatchDigits,
	trainedBatchPlace
} from '$content/lessons/01-mnist/shared/batches';
import {
	columnNorms,
	formatShort,
	largestClasses,
	zeroRows
} from '$content/lessons/01-mnist/steps/06-gradient/gradient';

/** MNIST's training digits per class, 0..9. */
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

function position(over: Partial<RunPosition>): RunPosition {
	return {
		epochsDone: 0,
		batchInEpoch: 0,
		batchesPerEpoch: 235,
		stepsDone: 0,
		trainCount: 60000,
		...over
	};
}

describe('columnNorms', () => {
	it('takes the L2 norm of each column of a row-major matrix', () => {
		// Columns: [3, 0, 4] and [1, 2, 2].
		const m = Float32Array.from([3, 1, 0, 2, 4, 2]);
		expect(Array.from(columnNorms(m, 3, 2))).toEqual([5, 3]);
	});

	it('gives 0 for an all-zero column (a class the batch does not touch)', () => {
		expect(Array.from(columnNorms(new Float32Array(784 * 10), 784, 10))).toEqual(
			new Array(10).fill(0)
		);
	});

	it('rejects a matrix of the wrong size', () => {
		expect(() => columnNorms(new Float32Array(5), 3, 2)).toThrow(RangeError);
	});
});

describe('zeroRows', () => {
	it('counts the pixels whose gradient is 0 for every class', () => {
		// Three pixels, two classes: pixel 0 blank, pixel 1 touched, pixel 2 blank.
		const m = Float32Array.from([0, 0, 0.1, -0.1, 0, 0]);
		expect(zeroRows(m, 3, 2)).toBe(2);
		expect(zeroRows(Float32Array.from([0, 1e-9]), 1, 2)).toBe(0);
	});
});

describe('the step, element by element', () => {
	it('W + (-lr * grad) is the SGD update p - lr * grad', () => {
		const w = Float32Array.from([1, -2, 0.5]);
		const grad = Float32Array.from([0.2, -0.4, 0]);
		const change = scaleBy(grad, -0.1);
		expect(Array.from(change)).toEqual([
			Math.fround(-0.02),
			Math.fround(0.04),
			expect.closeTo(0, 12)
		]);
		const after = addArrays(w, change);
		expect(after[0]).toBeCloseTo(0.98, 6);
		expect(after[1]).toBeCloseTo(-1.96, 6);
		expect(after[2]).toBeCloseTo(0.5, 6);
	});

	it('refuses arrays of different lengths', () => {
		expect(() => addArrays([1, 2], [1])).toThrow(RangeError);
	});
});

describe('sharedScale (viz/paint)', () => {
	it('is the largest |value| over every array', () => {
		expect(sharedScale([0.5, -3], [2, -1])).toBe(3);
	});

	it('skips NaN and infinities and never returns 0', () => {
		expect(sharedScale([NaN, Infinity, -0.25])).toBe(0.25);
		expect(sharedScale([0, 0])).toBe(1e-6);
	});
});

describe('which batch', () => {
	it('a gradient is measured on the next batch', () => {
		const place = nextBatchPlace(position({}));
		expect(place).toEqual({ number: 1, inEpoch: 1, perEpoch: 235, epoch: 1 });
		expect(describeBatch(place)).toBe('batch 1 (1 of 235 in epoch 1)');
	});

	it('a step report names the batch it just trained', () => {
		expect(trainedBatchPlace(position({ batchInEpoch: 3, stepsDone: 3 }))).toEqual({
			number: 3,
			inEpoch: 3,
			perEpoch: 235,
			epoch: 1
		});
	});

	it('the last batch of an epoch is reported as such, not as batch 0 of the next', () => {
		const p = position({ epochsDone: 1, batchInEpoch: 0, stepsDone: 235 });
		expect(trainedBatchPlace(p)).toEqual({ number: 235, inEpoch: 235, perEpoch: 235, epoch: 1 });
		expect(nextBatchPlace(p)).toEqual({ number: 236, inEpoch: 1, perEpoch: 235, epoch: 2 });
	});
});

describe('digits in a class-ordered batch', () => {
	it('the first 23 batches of 256 are all 0s (MNIST has 5,923 zeros)', () => {
		expect(sequentialBatchDigits(TRAIN_COUNTS, 0, 256)).toEqual([{ digit: 0, count: 256 }]);
		expect(sequentialBatchDigits(TRAIN_COUNTS, 22 * 256, 23 * 256)).toEqual([
			{ digit: 0, count: 256 }
		]);
	});

	it('batch 24 holds the last 35 zeros and 221 ones', () => {
		const parts = sequentialBatchDigits(TRAIN_COUNTS, 23 * 256, 24 * 256);
		expect(parts).toEqual([
			{ digit: 0, count: 35 },
			{ digit: 1, count: 221 }
		]);
		expect(describeDigits(parts)).toBe('0s and 1s (35 + 221)');
		expect(describeDigits(parts, false)).toBe('0s and 1s');
	});

	it('the last, short batch holds only 9s', () => {
		const parts = sequentialBatchDigits(TRAIN_COUNTS, 234 * 256, 60000);
		expect(parts).toEqual([{ digit: 9, count: 96 }]);
		expect(describeDigits(parts)).toBe('all 9s');
	});

	it('names the digits of a reported batch only for a class-ordered run of the full set', () => {
		const first = nextBatchPlace(position({}));
		expect(classOrderedDigits(TRAIN_COUNTS, 'sequential', 256, first, 60000)).toBe('all 0s');
		const trained24 = trainedBatchPlace(position({ batchInEpoch: 24, stepsDone: 24 }));
		expect(classOrderedDigits(TRAIN_COUNTS, 'sequential', 256, trained24, 60000)).toBe(
			'0s and 1s (35 + 221)'
		);
		expect(classOrderedDigits(TRAIN_COUNTS, 'shuffled', 256, first, 60000)).toBeNull();
		expect(classOrderedDigits(TRAIN_COUNTS, 'sequential', 256, first, 1000)).toBeNull();
		expect(classOrderedDigits(undefined, 'sequential', 256, first, 60000)).toBeNull();
	});

	it('names three classes with commas', () => {
		const parts = [
			{ digit: 1, count: 1 },
			{ digit: 2, count: 2 },
			{ digit: 3, count: 3 }
		];
		expect(describeDigits(parts)).toBe('1s, 2s and 3s (1 + 2 + 3)');
		expect(describeDigits([])).toBe('no digits');
	});
});

describe('parseLr', () => {
	it('accepts numbers above 0 up to the maximum', () => {
		expect(parseLr('0.1')).toEqual({ ok: true, value: 0.1 });
		expect(parseLr(' 1e-3 ')).toEqual({ ok: true, value: 0.001 });
		expect(parseLr(String(MAX_LR))).toEqual({ ok: true, value: MAX_LR });
	});

	it('explains what is wrong with a bad value', () => {
		const cases: [string, RegExp][] = [
			['', /Type a learning rate/],
			['abc', /not a number/],
			['0', /above 0.*not move/],
			['-0.5', /above 0.*uphill/],
			['10.5', /at most 10/],
			['Infinity', /not a number/]
		];
		for (const [text, message] of cases) {
			const result = parseLr(text);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.message).toMatch(message);
		}
	});
});

describe('formatting', () => {
	it('prints bar values short, with exponents for tiny gradients', () => {
		expect(formatShort(-0.978)).toBe('-0.98');
		expect(formatShort(8.4)).toBe('8.4');
		expect(formatShort(0.0000329)).toBe('3.3e-5');
		expect(formatShort(-0.00246)).toBe('-2.5e-3');
		expect(formatShort(0)).toBe('0');
	});

	it('names the largest classes', () => {
		const norms = [8.4, 0.168, 0.504, 0.000287, 0.657, 0.0185, 2.84, 4.32, 0.132, NaN];
		expect(largestClasses(norms)).toBe('0 (8.4), 7 (4.3) and 6 (2.8)');
		expect(largestClasses([1], 3)).toBe('0 (1)');
		expect(largestClasses([])).toBe('');
	});

	it('formats losses to four significant digits', () => {
		expect(formatLoss(12.34567)).toBe('12.35');
		expect(formatLoss(null)).toBe('–');
	});

	it('formats the change of the loss as a signed percentage', () => {
		expect(formatLossChange(10, 6.58)).toBe('−34.2%');
		expect(formatLossChange(2, 3)).toBe('+50.0%');
		expect(formatLossChange(2, 2)).toBe('0.0%');
		expect(formatLossChange(null, 1)).toBe('–');
		expect(formatLossChange(0, 1)).toBe('–');
	});
});
