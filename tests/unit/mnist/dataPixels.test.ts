import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '$lib/viz/contrast';
import {
	greys,
	shades,
	paintBytes,
	pixelText,
	scalingExamples,
	shadeOf,
	cellStyle,
	pixelRowsHtml
} from '$content/lessons/01-mnist/shared/pixels';

describe('pixelText', () => {
	it('shows raw bytes as stored and scaled values as x / 255 with two decimals', () => {
		expect(pixelText(0, false)).toBe('0');
		expect(pixelText(253, false)).toBe('253');
		expect(pixelText(255, true)).toBe('1.00');
		expect(pixelText(128, true)).toBe('0.50');
		expect(pixelText(0, true)).toBe('0.00');
	});
});

describe('shades', () => {
	it('runs from white paper (0) to black ink (255)', () => {
		expect(shades()).toHaveLength(256);
		expect(shadeOf(0).background).toBe('rgb(255, 255, 255)');
		expect(shadeOf(255).background).toBe('rgb(0, 0, 0)');
		expect([...greys().subarray(0, 4)]).toEqual([255, 255, 255, 255]);
	});

	it('gives each cell both colours in one style attribute', () => {
		expect(shadeOf(0).style).toBe('background: rgb(255, 255, 255); color: #000000');
		expect(shadeOf(255).style).toBe('background: rgb(0, 0, 0); color: #ffffff');
	});

	it("leaves blank cells to the table's CSS, which paints them as shadeOf(0)", () => {
		expect(cellStyle(0)).toBeNull();
		expect(cellStyle(0.4)).toBeNull();
		expect(cellStyle(1)).toBe(shadeOf(1).style);
		expect(cellStyle(255)).toBe(shadeOf(255).style);
		const css = readFileSync(
			'src/content/lessons/01-mnist/steps/01-data/PixelTable.svelte',
			'utf8'
		);
		const td = /\n\ttable :global\(td\) \{([^}]*)\}/.exec(css)?.[1] ?? '';
		expect(td).toContain(`background: ${shadeOf(0).background};`);
		expect(td).toContain(`color: ${shadeOf(0).text};`);
	});

	it('flips the number to white on dark cells only', () => {
		expect(shadeOf(0).darkText).toBe(true);
		expect(shadeOf(40).darkText).toBe(true);
		expect(shadeOf(255).darkText).toBe(false);
		expect(shadeOf(200).darkText).toBe(false);
		// Once the text is white it stays white for every darker cell.
		const flip = shades().findIndex((s) => !s.darkText);
		expect(flip).toBeGreaterThan(0);
		expect(
			shades()
				.slice(flip)
				.every((s) => !s.darkText)
		).toBe(true);
	});

	it('clamps and rounds values outside the byte range', () => {
		expect(shadeOf(-3)).toBe(shades()[0]);
		expect(shadeOf(300)).toBe(shades()[255]);
		expect(shadeOf(99.6)).toBe(shades()[100]);
	});

	it('writes every number at 4.5:1 or more on its cell', () => {
		for (const shade of shades()) {
			expect(contrastRatio(shade.background, shade.text)).toBeGreaterThanOrEqual(4.5);
		}
	});
});

describe('pixelRowsHtml', () => {
	it('writes 28 rows of a row number and 28 cells, styling only the ink', () => {
		const bytes = new Uint8Array(784);
		bytes[0] = 255;
		bytes[28 * 27 + 27] = 128;
		const html = pixelRowsHtml(bytes, false);
		expect(html.match(/<tr>/g)).toHaveLength(28);
		expect(html.match(/<td/g)).toHaveLength(784);
		expect(html.match(/<td style=/g)).toHaveLength(2);
		expect(
			html.startsWith(
				`<tr><th scope="row">0</th><td style="${shadeOf(255).style}">255</td><td>0</td>`
			)
		).toBe(true);
		expect(html.endsWith(`<td style="${shadeOf(128).style}">128</td></tr>`)).toBe(true);
		expect(pixelRowsHtml(bytes, true)).toContain('>1.00</td><td>0.00</td>');
	});
});

describe('paintBytes', () => {
	const bytes = Uint8Array.from([0, 255, 255, 0]);

	it('paints greys opaque by default', () => {
		const out = new Uint8ClampedArray(16);
		paintBytes(out, bytes);
		expect([...out.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
		expect([...out.subarray(4, 8)]).toEqual([0, 0, 0, 255]);
	});

	it('leaves positions that have not arrived transparent and fades those that left', () => {
		const strip = new Uint8ClampedArray(16);
		paintBytes(strip, bytes, { visibleTo: 2 });
		expect([strip[3], strip[7], strip[11], strip[15]]).toEqual([255, 255, 0, 0]);
		const square = new Uint8ClampedArray(16);
		paintBytes(square, bytes, { fadedBefore: 1, fadedAlpha: 50 });
		expect([square[3], square[7], square[11], square[15]]).toEqual([50, 255, 255, 255]);
	});
});

describe('scalingExamples', () => {
	it('finds the brightest byte and the soft edge nearest the middle', () => {
		expect(scalingExamples([0, 12, 250, 140, 90, 0])).toEqual({ max: 250, edge: 140 });
		expect(scalingExamples([0, 255, 255])).toEqual({ max: 255, edge: 255 });
	});

	it('has nothing to say about a blank image', () => {
		expect(scalingExamples(new Uint8Array(784))).toBeNull();
	});
});
