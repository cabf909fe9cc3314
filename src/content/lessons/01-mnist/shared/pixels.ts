/**
 * Pure helpers for showing one MNIST digit: where its 784 bytes sit in a batch, how a byte reads
 * as text (raw 0..255 or scaled 0..1), and which grey paints it. No DOM, so node tests run them.
 */
import { IMAGE_SIDE } from '$lib/engine/config';
import { BLACK_TEXT, readableText } from '$lib/viz/contrast';
import { paintInto, tableFor } from '$lib/viz/paint';

/**
 * One grey per byte value: 0 is white paper, 255 is black ink, as MNIST is usually drawn.
 * Built on first use, like shades(): at module load they were a sixth of every lesson page's
 * start-up script (60 ms at 4x CPU slowdown), on steps that show no pixel at all.
 */
export function greys(): Uint8ClampedArray {
	return tableFor('greys', 256);
}

/**
 * The notebook divides every byte by 255 (In [4]), so full ink 255 becomes 1.00 and background
 * stays 0.00. Raw values are shown as they are stored.
 */
export function pixelText(value: number, scaled: boolean): string {
	return scaled ? (value / 255).toFixed(2) : String(value);
}

export interface CellShade {
	/** CSS background colour for a table cell holding this byte. */
	background: string;
	/** The number's colour on it: black or white, whichever has more contrast (at least 4.5:1). */
	text: string;
	/** True when the number is written in black. */
	darkText: boolean;
	/** Both colours as one style attribute: the pixel table sets 784 cells in one write each. */
	style: string;
}

let built: readonly CellShade[] | null = null;

/**
 * The shade of each byte value 0..255, computed once. The text colour comes from the fill's WCAG
 * luminance (readableText), not from pandas' 0.408 threshold, which wrote white on mid greys at
 * 2.7:1.
 */
export function shades(): readonly CellShade[] {
	if (built) return built;
	const table = greys();
	built = Array.from({ length: 256 }, (_, v) => {
		const [r, g, b] = [table[v * 4], table[v * 4 + 1], table[v * 4 + 2]];
		const text = readableText([r, g, b]);
		const background = `rgb(${r}, ${g}, ${b})`;
		const style = `background: ${background}; color: ${text}`;
		return { background, text, darkText: text === BLACK_TEXT, style };
	});
	return built;
}

export function shadeOf(value: number): CellShade {
	return shades()[Math.min(255, Math.max(0, Math.round(value)))];
}

/**
 * The style attribute of a pixel table cell: null for blank paper (0), which the table's own CSS
 * paints as shadeOf(0) does, so only the ink (about a fifth of the 784 cells) is written one by
 * one: setting 784 style attributes was a visible part of step 1's first drawing.
 */
export function cellStyle(value: number): string | null {
	const shade = shadeOf(value);
	return shade === shades()[0] ? null : shade.style;
}

/**
 * The pixel table's body as HTML: a row per image row, its number as a row header, then one
 * shaded cell per pixel. One string, set at once with {@html}, instead of 812 Svelte blocks with
 * an effect each: building those was about 200 ms of a single task at 4x CPU slowdown when step
 * 1's digits arrived (Lighthouse counted it as blocking time). Only numbers and this module's own
 * styles go in, so there is nothing to escape.
 */
export function pixelRowsHtml(bytes: Uint8Array, scaled: boolean): string {
	let html = '';
	for (let row = 0; row < IMAGE_SIDE; row++) {
		html += `<tr><th scope="row">${row}</th>`;
		for (let col = 0; col < IMAGE_SIDE; col++) {
			const value = bytes[row * IMAGE_SIDE + col];
			const style = cellStyle(value);
			html += `${style ? `<td style="${style}">` : '<td>'}${pixelText(value, scaled)}</td>`;
		}
		html += '</tr>';
	}
	return html;
}

/**
 * Paints bytes into an RGBA buffer in greys. Positions from `visibleFrom` on are left fully
 * transparent (not yet there); positions before `fadedBefore` are drawn faint (already moved away).
 */
export function paintBytes(
	out: Uint8ClampedArray,
	bytes: ArrayLike<number>,
	{ visibleTo = bytes.length, fadedBefore = 0, fadedAlpha = 56 } = {}
): void {
	paintInto(out, bytes, greys(), [0, 255]);
	for (let i = 0; i < bytes.length; i++) {
		if (i >= visibleTo) out[i * 4 + 3] = 0;
		else if (i < fadedBefore) out[i * 4 + 3] = fadedAlpha;
	}
}

/**
 * Two real values from this digit for the sentence about scaling: its brightest byte, and a soft
 * edge (the non-zero byte closest to the middle, 128). Null for a blank image.
 */
export function scalingExamples(bytes: ArrayLike<number>): { max: number; edge: number } | null {
	let max = 0;
	let edge = 0;
	for (let i = 0; i < bytes.length; i++) {
		const v = bytes[i];
		if (v > max) max = v;
		if (v > 0 && (edge === 0 || Math.abs(v - 128) < Math.abs(edge - 128))) edge = v;
	}
	return max === 0 ? null : { max, edge };
}
