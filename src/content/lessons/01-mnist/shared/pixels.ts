/**
 * Pure helpers for showing one MNIST digit: where its 784 bytes sit in a batch, how a byte reads
 * as text (raw 0..255 or scaled 0..1), and which grey paints it. No DOM, so node tests run them.
 */
import { greysTable, paintInto } from '$lib/viz/paint';

/** One grey per byte value: 0 is white paper, 255 is black ink, as MNIST is usually drawn. */
export const GREYS: Uint8ClampedArray = greysTable(256);

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
	/** True when black text reads better on the background than white (else the text is white). */
	darkText: boolean;
}

/**
 * WCAG relative luminance of an sRGB colour given as bytes: 0 for black, 1 for white.
 * (A local copy: the accessibility work adds a shared helper in src/lib/viz.)
 */
export function relativeLuminance(r: number, g: number, b: number): number {
	const linear = (c: number) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two luminances, 1 to 21. */
export function contrastRatio(a: number, b: number): number {
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Whether black text (rather than white) goes on a fill of this luminance: whichever contrasts
 * more. They tie near 0.18, where both still reach 4.58:1, so every grey gets at least 4.5:1.
 */
export function blackTextOn(luminance: number): boolean {
	return contrastRatio(luminance, 0) >= contrastRatio(luminance, 1);
}

/** The shade of each byte value 0..255, computed once. */
export const SHADES: readonly CellShade[] = Array.from({ length: 256 }, (_, v) => {
	const [r, g, b] = [GREYS[v * 4], GREYS[v * 4 + 1], GREYS[v * 4 + 2]];
	return {
		background: `rgb(${r}, ${g}, ${b})`,
		darkText: blackTextOn(relativeLuminance(r, g, b))
	};
});

export function shadeOf(value: number): CellShade {
	return SHADES[Math.min(255, Math.max(0, Math.round(value)))];
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
	paintInto(out, bytes, GREYS, [0, 255]);
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
