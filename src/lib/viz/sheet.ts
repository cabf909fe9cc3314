/**
 * A sprite sheet: many same-sized value grids (step 1's hundred digits) painted into one picture,
 * of which each place on the page shows one tile as its CSS background. The browser decodes one
 * image, where a canvas per digit gave each digit its own 2D context and compositing layer: traced
 * at 4x CPU slowdown, the arrival of the hundred digits cost about 300 ms of script and as much
 * again of rendering, against about a third of both with ten.
 *
 * The painting is pure (node-tested); only sheetBlob needs a browser.
 */
import { paintInto, tableFor, type Scheme } from './paint';

/** Where the tiles lie: grid i at column i % columns, row floor(i / columns). */
export interface SheetLayout {
	columns: number;
	rows: number;
	/** One tile's size in values (pixels of the sheet). */
	width: number;
	height: number;
}

export function sheetLayout(count: number, columns: number, width = 28, height = 28): SheetLayout {
	const perRow = Math.max(1, Math.floor(columns));
	return { columns: perRow, rows: Math.max(1, Math.ceil(count / perRow)), width, height };
}

/** The sheet's size in pixels. */
export function sheetSize({ columns, rows, width, height }: SheetLayout): [number, number] {
	return [columns * width, rows * height];
}

/**
 * The whole sheet as RGBA, each grid coloured as a Heatmap would colour it. A grid of the wrong
 * length stays transparent (a caller bug shows as a gap, not as a sheared picture).
 */
export function paintSheet(
	grids: readonly ArrayLike<number>[],
	layout: SheetLayout,
	scheme: Scheme,
	domain: [number, number]
): Uint8ClampedArray {
	const { columns, width, height } = layout;
	const [sheetWidth, sheetHeight] = sheetSize(layout);
	const out = new Uint8ClampedArray(sheetWidth * sheetHeight * 4);
	const tile = new Uint8ClampedArray(width * height * 4);
	const table = tableFor(scheme);
	const rowBytes = width * 4;
	grids.forEach((values, i) => {
		if (values.length !== width * height || i >= columns * layout.rows) return;
		paintInto(tile, values, table, domain);
		const x0 = (i % columns) * width;
		const y0 = Math.floor(i / columns) * height;
		for (let y = 0; y < height; y++) {
			out.set(tile.subarray(y * rowBytes, (y + 1) * rowBytes), ((y0 + y) * sheetWidth + x0) * 4);
		}
	});
	return out;
}

/**
 * CSS background size and position that make a box show exactly tile `index`, whatever the
 * box's size: the sheet is scaled so one tile fills the box, then shifted to the tile.
 */
export function tileBackground(index: number, { columns, rows }: SheetLayout): string {
	const share = (k: number, n: number) => (n > 1 ? (k / (n - 1)) * 100 : 0);
	const x = share(index % columns, columns);
	const y = share(Math.floor(index / columns), rows);
	return `${x}% ${y}% / ${columns * 100}% ${rows * 100}%`;
}

/** The painted sheet as a PNG, encoded off the main thread where the browser can. */
export async function sheetBlob(rgba: Uint8ClampedArray, layout: SheetLayout): Promise<Blob> {
	const [width, height] = sheetSize(layout);
	const image = new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height);
	if (typeof OffscreenCanvas !== 'undefined') {
		const canvas = new OffscreenCanvas(width, height);
		canvas.getContext('2d')?.putImageData(image, 0, 0);
		return canvas.convertToBlob({ type: 'image/png' });
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	canvas.getContext('2d')?.putImageData(image, 0, 0);
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png')
	);
}
