/**
 * Readable text on a coloured fill, by WCAG 2's numbers: relative luminance, contrast ratio, and
 * the text colour (black or white) that reads best on a given fill. Used wherever a number is
 * written on a data colour (the pixel table's greys, the confusion matrix's blues and oranges),
 * so the text never depends on a fixed threshold that some fills fail.
 */
import { parseColor } from './paint';

/** WCAG 2's minimum contrast for normal-size text (level AA). */
export const TEXT_CONTRAST = 4.5;

export const BLACK_TEXT = '#000000';
export const WHITE_TEXT = '#ffffff';

type Rgb = readonly [number, number, number];

/** One sRGB channel (0..255) to linear light, as WCAG 2 defines it. */
function linear(channel: number): number {
	const s = channel / 255;
	return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance: 0 for black, 1 for white. Takes bytes or a CSS colour string. */
export function relativeLuminance(color: string | Rgb): number {
	const [r, g, b] = typeof color === 'string' ? parseColor(color) : color;
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** (lighter + 0.05) / (darker + 0.05): 1 for the same colour, 21 for black on white. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
	const la = relativeLuminance(a);
	const lb = relativeLuminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The candidate with the most contrast on `fill`. With black and white (the default) the better
 * of the two always reaches at least 4.58:1, whatever the fill: they tie at a luminance of
 * about 0.18, a mid grey such as #767676, far darker than the "looks dark" threshold of 0.4 some
 * tables use (that is why white on #9d9d9d read at 2.7:1).
 */
export function readableText(
	fill: string | Rgb,
	candidates: readonly string[] = [BLACK_TEXT, WHITE_TEXT]
): string {
	let best = candidates[0];
	let bestRatio = -1;
	for (const candidate of candidates) {
		const ratio = contrastRatio(fill, candidate);
		if (ratio > bestRatio) [best, bestRatio] = [candidate, ratio];
	}
	return best;
}
