/**
 * A saved chart as one standalone SVG document: a title on top, the series key (a short line in
 * each series' colour, dashed where the series is), the chart itself (its own <svg>, with the
 * page's styles already inlined by the caller), the caption under it, all on the page's paper
 * colour. The same document is the "Save SVG" file and, rasterised at 2x, the "Save PNG" one.
 */
import { escapeXml, estimateWidth, font, FONT_FAMILY, wrapText, type Palette } from './text';

export interface SeriesKey {
	label: string;
	color: string;
	dashed?: boolean;
}

export interface ChartSvgSpec {
	title: string;
	keys?: SeriesKey[];
	caption?: string;
	/** The chart's own <svg> element, serialised, and its size in CSS pixels. */
	chart: { markup: string; width: number; height: number };
	palette: Palette;
}

const PAD = 16;
const GAP = 8;
const SWATCH = 22;
const KEY_ROW = 18;

function textLines(
	lines: string[],
	x: number,
	y: number,
	size: number,
	weight: number,
	color: string
) {
	const lineHeight = Math.round(size * 1.35);
	const markup = lines
		.map(
			(line, i) =>
				`<text x="${x}" y="${y + i * lineHeight + size}" font-family='${FONT_FAMILY}' font-size="${size}" font-weight="${weight}" fill="${escapeXml(color)}">${escapeXml(line)}</text>`
		)
		.join('');
	return { markup, bottom: y + lines.length * lineHeight };
}

/** Places the keys left to right, wrapping to a new row when one would pass `maxWidth`. */
export function layoutKeys(keys: SeriesKey[], maxWidth: number) {
	const placed: { key: SeriesKey; x: number; row: number }[] = [];
	let x = 0;
	let row = 0;
	for (const key of keys) {
		const w = SWATCH + 6 + estimateWidth(key.label, font(12)) + 16;
		if (x > 0 && x + w > maxWidth) {
			row++;
			x = 0;
		}
		placed.push({ key, x, row });
		x += w;
	}
	return { placed, rows: keys.length ? row + 1 : 0 };
}

/** Strips the XML declaration a serializer may add, so the chart nests inside our <svg>. */
function nestable(markup: string, x: number, y: number): string {
	return markup.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

export function composeChartSvg(spec: ChartSvgSpec): {
	svg: string;
	width: number;
	height: number;
} {
	const { palette, chart } = spec;
	const width = Math.ceil(chart.width + 2 * PAD);
	const textWidth = width - 2 * PAD;
	const parts: string[] = [];

	const title = textLines(
		wrapText(spec.title, textWidth, font(16, 600), estimateWidth),
		PAD,
		PAD,
		16,
		600,
		palette.ink
	);
	parts.push(title.markup);
	let y = title.bottom + GAP;

	const keys = layoutKeys(spec.keys ?? [], textWidth);
	for (const { key, x, row } of keys.placed) {
		const top = y + row * KEY_ROW;
		const dash = key.dashed ? ' stroke-dasharray="5 4"' : '';
		parts.push(
			`<line x1="${PAD + x + 1}" x2="${PAD + x + SWATCH - 1}" y1="${top + 9}" y2="${top + 9}" stroke="${escapeXml(key.color)}" stroke-width="2"${dash}/>`,
			`<text x="${PAD + x + SWATCH + 6}" y="${top + 13}" font-family='${FONT_FAMILY}' font-size="12" fill="${escapeXml(palette.ink)}">${escapeXml(key.label)}</text>`
		);
	}
	y += keys.rows * KEY_ROW + (keys.rows ? GAP : 0);

	parts.push(nestable(chart.markup, PAD, y));
	y += chart.height + GAP;

	if (spec.caption) {
		const caption = textLines(
			wrapText(spec.caption, textWidth, font(12), estimateWidth),
			PAD,
			y,
			12,
			400,
			palette.muted
		);
		parts.push(caption.markup);
		y = caption.bottom;
	}
	const height = Math.ceil(y + PAD);
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		`<title>${escapeXml(spec.title)}</title>` +
		`<rect width="${width}" height="${height}" fill="${escapeXml(palette.paper)}"/>` +
		parts.join('') +
		'</svg>';
	return { svg, width, height };
}
