import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawCard, fitTitle, printable, wrapWords } from '../../../scripts/og/card';
import { TrueTypeFont } from '../../../scripts/og/font';
import { Canvas, drawText, flattenContour, textWidth } from '../../../scripts/og/raster';
import {
	normals,
	PIXELS,
	robustMaxAbs,
	stripCells,
	trainLinear,
	weightCells
} from '../../../scripts/og/strips';
import { HOME_META } from '$lib/meta/pages';

const FONTS = path.resolve('node_modules/katex/dist/fonts');
const main = TrueTypeFont.fromFile(path.join(FONTS, 'KaTeX_Main-Bold.ttf'));
const bold = TrueTypeFont.fromFile(path.join(FONTS, 'KaTeX_SansSerif-Bold.ttf'), main);

/** How many pixels differ from the white background, and how many are fully inked. */
function ink(canvas: Canvas): { touched: number; solid: number } {
	let touched = 0;
	let solid = 0;
	for (let i = 0; i < canvas.rgb.length; i += 3) {
		if (canvas.rgb[i] < 255) touched++;
		if (canvas.rgb[i] === 0) solid++;
	}
	return { touched, solid };
}

describe('TrueType text', () => {
	it('reads glyphs and widths: wider text for more letters, fallback for ×', () => {
		expect(bold.unitsPerEm).toBe(1000);
		expect(bold.glyphFor('A').contours.length).toBeGreaterThan(0);
		expect(textWidth(bold, 'digits', 40)).toBeGreaterThan(textWidth(bold, 'digit', 40));
		expect(bold.has('×')).toBe(true);
		expect(bold.glyphFor('×').contours.length).toBeGreaterThan(0);
	});

	it('draws anti-aliased ink where the text is, and nothing elsewhere', () => {
		const canvas = new Canvas(300, 80, [255, 255, 255]);
		drawText(canvas, bold, 'Digit 784', 10, 55, 40, [0, 0, 0]);
		const { touched, solid } = ink(canvas);
		expect(solid).toBeGreaterThan(500);
		// Edges are partly covered: grey pixels exist besides the black ones.
		expect(touched).toBeGreaterThan(solid);
		// The right-hand side, past the text's width, stays white.
		const right = Math.ceil(10 + textWidth(bold, 'Digit 784', 40)) + 3;
		for (let y = 0; y < 80; y++) expect(canvas.rgb[(y * 300 + right) * 3]).toBe(255);
	});

	it('walks a contour with a curve as a closed chain of segments', () => {
		const contour = [
			{ x: 0, y: 0, onCurve: true },
			{ x: 10, y: 0, onCurve: false },
			{ x: 10, y: 10, onCurve: true },
			{ x: 0, y: 10, onCurve: true }
		];
		const segments: [number, number][][] = [];
		flattenContour(
			contour,
			(p) => [p.x, p.y],
			(a, b) => segments.push([a, b]),
			4
		);
		expect(segments.length).toBe(4 + 2);
		expect(segments[0][0]).toEqual([0, 0]);
		expect(segments.at(-1)![1]).toEqual([0, 0]);
		for (let i = 1; i < segments.length; i++) expect(segments[i][0]).toEqual(segments[i - 1][1]);
	});
});

describe('card layout', () => {
	const measure = (s: string) => s.length * 10;

	it('wraps words greedily to the width', () => {
		expect(wrapWords('one two three four', 100, measure)).toEqual(['one two', 'three four']);
		expect(wrapWords('  single  ', 10, measure)).toEqual(['single']);
	});

	it('shrinks a long title until it fits in two lines', () => {
		const short = fitTitle('The data', 1000, (s, size) => (s.length * size) / 2);
		expect(short).toEqual({ size: 76, lines: ['The data'] });
		const long = fitTitle(
			'A linear learner, then a small neural net',
			600,
			(s, size) => (s.length * size) / 2
		);
		expect(long.lines.length).toBe(2);
		expect(long.size).toBeLessThan(76);
	});

	it('swaps the middle dot for one the font has', () => {
		expect(printable('Lesson · step 5')).toBe('Lesson ⋅ step 5');
	});
});

describe('card pictures', () => {
	/** Two classes that ink disjoint halves of the image: the weights must learn which is which. */
	function halves(count: number) {
		const images = new Uint8Array(count * PIXELS);
		const labels = new Uint8Array(count);
		for (let n = 0; n < count; n++) {
			labels[n] = n % 2;
			const from = labels[n] === 0 ? 0 : PIXELS / 2;
			images.fill(255, n * PIXELS + from, n * PIXELS + from + PIXELS / 2);
		}
		return { images, labels };
	}

	it('trains weights that favour each class’s own pixels', () => {
		const w = trainLinear(halves(200), { examples: 200, batch: 20, lr: 0.5 });
		const topPixel = 10;
		const bottomPixel = PIXELS - 10;
		expect(w[topPixel * 10 + 0]).toBeGreaterThan(0);
		expect(w[topPixel * 10 + 1]).toBeLessThan(0);
		expect(w[bottomPixel * 10 + 1]).toBeGreaterThan(0);
		expect(w[bottomPixel * 10 + 0]).toBeLessThan(0);
	});

	it('draws the same seeded noise every time, with mean 0 and spread 1', () => {
		const a = normals(20_000);
		expect(normals(20_000)).toEqual(a);
		const mean = a.reduce((s, v) => s + v, 0) / a.length;
		const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
		expect(Math.abs(mean)).toBeLessThan(0.03);
		expect(sd).toBeCloseTo(1, 1);
	});

	it('paints zero weights near white, and the range ignores a lone outlier', () => {
		const w = new Float32Array(PIXELS * 10);
		const cells = weightCells(w, 1, 0);
		// RdBu's middle is a light, almost neutral grey.
		expect(Math.min(...cells)).toBeGreaterThan(230);
		expect(Math.max(...cells) - Math.min(...cells)).toBeLessThan(10);
		const values = Float32Array.from({ length: 1000 }, (_, i) => (i === 0 ? 1000 : i / 1000));
		expect(robustMaxAbs(values)).toBeLessThan(1.01);
	});

	it('draws a full card that is neither blank nor one flat colour', () => {
		const data = halves(20);
		data.labels.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const strip = stripCells('digits', data, new Float32Array(PIXELS * 10));
		const regular = bold;
		const canvas = drawCard(HOME_META.card, strip, { bold, regular });
		expect([canvas.width, canvas.height]).toEqual([1200, 630]);
		const colours = new Set<number>();
		for (let i = 0; i < canvas.rgb.length; i += 3) {
			colours.add((canvas.rgb[i] << 16) | (canvas.rgb[i + 1] << 8) | canvas.rgb[i + 2]);
		}
		expect(colours.size).toBeGreaterThan(50);
		expect(ink(canvas).solid).toBeGreaterThan(1000);
	});
});
