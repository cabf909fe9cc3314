import { describe, expect, it } from 'vitest';
import { interpolateBlues, interpolateGreys, interpolateOranges } from 'd3';
import {
	BLACK_TEXT,
	contrastRatio,
	readableText,
	relativeLuminance,
	TEXT_CONTRAST,
	WHITE_TEXT
} from '$lib/viz/contrast';

describe('relative luminance (WCAG 2)', () => {
	it('is 0 for black, 1 for white, and takes bytes or CSS colours', () => {
		expect(relativeLuminance('#000000')).toBe(0);
		expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
		expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
		expect(relativeLuminance('rgb(255, 0, 0)')).toBeCloseTo(0.2126, 4);
	});

	it('weighs green most and blue least', () => {
		const green = relativeLuminance('#00ff00');
		const red = relativeLuminance('#ff0000');
		const blue = relativeLuminance('#0000ff');
		expect(green).toBeCloseTo(0.7152, 4);
		expect(red).toBeGreaterThan(blue);
		expect(green + red + blue).toBeCloseTo(1, 4);
	});
});

describe('contrast ratio', () => {
	it('is 21 for black on white, 1 for a colour on itself, and symmetric', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#5b6474', '#5b6474')).toBe(1);
		expect(contrastRatio('#0072b2', '#ffffff')).toBeCloseTo(contrastRatio('#ffffff', '#0072b2'));
	});

	it('matches the ratios axe reported before the fixes (it truncates to two decimals)', () => {
		expect(contrastRatio('#ffffff', '#9d9d9d')).toBeCloseTo(2.71, 1);
		expect(contrastRatio('#e36209', '#ffffff')).toBeCloseTo(3.48, 1);
		expect(contrastRatio('#ffffff', '#f57825')).toBeCloseTo(2.76, 1);
	});
});

describe('readable text on a fill', () => {
	it('writes black on the pale greys and white on the dark ones', () => {
		expect(readableText('#ffffff')).toBe(BLACK_TEXT);
		expect(readableText('#9d9d9d')).toBe(BLACK_TEXT);
		expect(readableText('#f57825')).toBe(BLACK_TEXT);
		expect(readableText('#000000')).toBe(WHITE_TEXT);
		expect(readableText('#08306b')).toBe(WHITE_TEXT);
	});

	it('reaches 4.5:1 on every fill the pixel table and the confusion matrix paint', () => {
		const fills = Array.from({ length: 257 }, (_, i) => i / 256).flatMap((t) => [
			interpolateGreys(t),
			interpolateBlues(t),
			interpolateOranges(t)
		]);
		const worst = Math.min(...fills.map((fill) => contrastRatio(fill, readableText(fill))));
		expect(worst).toBeGreaterThanOrEqual(TEXT_CONTRAST);
		// Black and white tie near luminance 0.18, where each still gives about 4.58:1.
		expect(worst).toBeGreaterThan(4.58);
	});

	it('picks the best of the candidates it is given', () => {
		expect(readableText('#ffffff', ['#1d2433', '#e6e9ef'])).toBe('#1d2433');
		expect(readableText('#14171d', ['#1d2433', '#e6e9ef'])).toBe('#e6e9ef');
	});
});
