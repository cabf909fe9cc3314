import { describe, expect, it } from 'vitest';
import { paintInto, tableFor } from '$lib/viz/paint';
import { paintSheet, sheetLayout, sheetSize, tileBackground } from '$lib/viz/sheet';

/** A 2 x 2 grid whose four values are all `v`. */
const flat = (v: number) => [v, v, v, v];

/** The RGBA of the sheet's pixel (x, y). */
function pixel(sheet: Uint8ClampedArray, sheetWidth: number, x: number, y: number): number[] {
	const at = (y * sheetWidth + x) * 4;
	return Array.from(sheet.subarray(at, at + 4));
}

describe('sheetLayout', () => {
	it('fills rows of `columns` tiles, the last row partly', () => {
		expect(sheetLayout(100, 10)).toEqual({ columns: 10, rows: 10, width: 28, height: 28 });
		expect(sheetLayout(23, 10, 4, 3)).toEqual({ columns: 10, rows: 3, width: 4, height: 3 });
		expect(sheetSize(sheetLayout(23, 10, 4, 3))).toEqual([40, 9]);
	});

	it('always has a row and a column, even for nothing', () => {
		expect(sheetLayout(0, 0)).toMatchObject({ columns: 1, rows: 1 });
	});
});

describe('paintSheet', () => {
	const table = tableFor('greys');

	it('puts grid i at column i % columns and row i / columns, coloured as a Heatmap would', () => {
		const layout = sheetLayout(5, 2, 2, 2);
		const grids = [0, 51, 102, 153, 255].map(flat);
		const sheet = paintSheet(grids, layout, 'greys', [0, 255]);
		const [width, height] = sheetSize(layout);
		expect(sheet.length).toBe(width * height * 4);
		grids.forEach((grid, i) => {
			const expected = new Uint8ClampedArray(16);
			paintInto(expected, grid, table, [0, 255]);
			const x = (i % 2) * 2;
			const y = Math.floor(i / 2) * 2;
			for (const [dx, dy] of [
				[0, 0],
				[1, 0],
				[0, 1],
				[1, 1]
			]) {
				expect(pixel(sheet, width, x + dx, y + dy)).toEqual(Array.from(expected.subarray(0, 4)));
			}
		});
		// The sixth place of the last row has no grid: transparent.
		expect(pixel(sheet, width, 2, 4)).toEqual([0, 0, 0, 0]);
	});

	it('keeps each value in its own place inside the tile', () => {
		const layout = sheetLayout(2, 2, 2, 2);
		const sheet = paintSheet(
			[
				[0, 0, 0, 0],
				[0, 255, 0, 0]
			],
			layout,
			'greys',
			[0, 255]
		);
		const [width] = sheetSize(layout);
		const ink = pixel(sheet, width, 3, 0);
		const paper = pixel(sheet, width, 2, 0);
		expect(ink[0]).toBeLessThan(paper[0]);
		expect(pixel(sheet, width, 2, 1)).toEqual(paper);
		expect(pixel(sheet, width, 3, 1)).toEqual(paper);
	});

	it('leaves a grid of the wrong length transparent rather than sheared', () => {
		const layout = sheetLayout(2, 2, 2, 2);
		const sheet = paintSheet([flat(255), [255, 255, 255]], layout, 'greys', [0, 255]);
		expect(pixel(sheet, 4, 0, 0)[3]).toBe(255);
		expect(pixel(sheet, 4, 2, 0)).toEqual([0, 0, 0, 0]);
	});
});

describe('tileBackground', () => {
	const layout = sheetLayout(100, 10);

	it('scales the sheet so one tile fills the box and shifts it to the tile', () => {
		expect(tileBackground(0, layout)).toBe('0% 0% / 1000% 1000%');
		expect(tileBackground(99, layout)).toBe('100% 100% / 1000% 1000%');
		// Tile 34: column 4 of 10 and row 3 of 10, as percentages of the free room (n - 1 tiles).
		const [x, y] = tileBackground(34, layout).split(' ');
		expect(parseFloat(x)).toBeCloseTo((4 / 9) * 100, 10);
		expect(parseFloat(y)).toBeCloseTo((3 / 9) * 100, 10);
	});

	it('puts a one-row or one-column sheet at 0%', () => {
		expect(tileBackground(3, sheetLayout(5, 5))).toBe('75% 0% / 500% 100%');
	});
});
