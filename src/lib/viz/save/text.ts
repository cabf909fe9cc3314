/**
 * Text for saved pictures, without a DOM: the colours a picture is drawn in, fonts, a width
 * measure and line wrapping. The page passes a real measure (a canvas's measureText); tests and
 * the SVG path use the estimate.
 */

/** The page's colours at the moment of saving (its theme), as CSS colour strings. */
export interface Palette {
	ink: string;
	muted: string;
	paper: string;
	rule: string;
}

export const DEFAULT_PALETTE: Palette = {
	ink: '#1d2433',
	muted: '#5b6474',
	paper: '#ffffff',
	rule: '#d9dde5'
};

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A CSS font shorthand: font(15, 600) -> '600 15px system-ui, ...'. */
export function font(size: number, weight = 400): string {
	return `${weight} ${size}px ${FONT_FAMILY}`;
}

/** Width of `text` in CSS pixels when drawn in `cssFont`. */
export type Measure = (text: string, cssFont: string) => number;

/** About 0.56 em per character: close enough for sans-serif text to wrap without a canvas. */
export const estimateWidth: Measure = (text, cssFont) => {
	const size = Number(/(\d+(?:\.\d+)?)px/.exec(cssFont)?.[1] ?? 12);
	return text.length * size * 0.56;
};

/** Breaks `text` into lines no wider than `maxWidth` at spaces (a longer word gets a line). */
export function wrapText(
	text: string,
	maxWidth: number,
	cssFont: string,
	measure: Measure
): string[] {
	const lines: string[] = [];
	let current = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const tried = current ? `${current} ${word}` : word;
		if (current && measure(tried, cssFont) > maxWidth) {
			lines.push(current);
			current = word;
		} else current = tried;
	}
	if (current) lines.push(current);
	return lines;
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
	return text.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c
	);
}
