import { describe, expect, it } from 'vitest';
import {
	gridMove,
	megabytes,
	progressLabel
} from '$content/lessons/01-mnist/steps/01-data/gallery';
import {
	clampRows,
	rowSpan,
	unrollStatus
} from '$content/lessons/01-mnist/steps/02-flatten/unroll';

describe('gridMove', () => {
	it('moves by one in a row and by a row up and down', () => {
		expect(gridMove(12, 'ArrowRight')).toBe(13);
		expect(gridMove(12, 'ArrowLeft')).toBe(11);
		expect(gridMove(12, 'ArrowDown')).toBe(22);
		expect(gridMove(12, 'ArrowUp')).toBe(2);
		expect(gridMove(12, 'Home')).toBe(10);
		expect(gridMove(12, 'End')).toBe(19);
	});

	it('stays put at the edges instead of wrapping into another class', () => {
		expect(gridMove(19, 'ArrowRight')).toBe(19);
		expect(gridMove(20, 'ArrowLeft')).toBe(20);
		expect(gridMove(3, 'ArrowUp')).toBe(3);
		expect(gridMove(95, 'ArrowDown')).toBe(95);
		expect(gridMove(15, 'ArrowDown', 10, 20)).toBe(15);
	});

	it('ignores other keys', () => {
		expect(gridMove(5, 'Enter')).toBeNull();
		expect(gridMove(5, ' ')).toBeNull();
	});
});

describe('progressLabel', () => {
	it('says what stage the download is at', () => {
		expect(progressLabel(null, false)).toMatch(/Starting/);
		expect(
			progressLabel({ loadedBytes: 4_200_000, totalBytes: 11_600_000, stage: 'downloading' }, false)
		).toBe('Downloading MNIST: 4.2 of 11.6 MB');
		expect(progressLabel({ loadedBytes: 1, totalBytes: 1, stage: 'checking' }, false)).toMatch(
			/Checking/
		);
		expect(progressLabel(null, true)).toBe('MNIST loaded');
		expect(megabytes(11_594_722)).toBe('11.6');
	});
});

describe('unrolling', () => {
	it('sends row r to positions r * 28 .. r * 28 + 27', () => {
		expect(rowSpan(0)).toEqual({ first: 0, last: 27 });
		expect(rowSpan(27)).toEqual({ first: 756, last: 783 });
	});

	it('keeps the rows count inside 0..28', () => {
		expect(clampRows(-2)).toBe(0);
		expect(clampRows(30)).toBe(28);
		expect(clampRows(4.4)).toBe(4);
		expect(clampRows(NaN)).toBe(0);
	});

	it('describes the row moved last', () => {
		expect(unrollStatus(0)).toMatch(/No rows/);
		expect(unrollStatus(1)).toBe('Row 0 of the image went to positions 0–27.');
		expect(unrollStatus(28)).toMatch(/756–783\. All 784 pixels/);
	});
});
