/**
 * Lays out one link-preview card, 1200 x 630: the site's name and a kicker at the top, the page's
 * title large (wrapped to two lines, smaller if it must), then ten 28 x 28 pictures with their
 * digit under each. Everything stays inside Twitter's centre crop (1200 x 600).
 */
import type { TrueTypeFont } from './font';
import { Canvas, drawText, textWidth, type Rgb } from './raster';
import { CLASSES, SIDE } from './strips';
import { CARD_HEIGHT, CARD_WIDTH, type CardSpec } from '../../src/lib/meta/tags';

/** The site's own colours (src/app.css). */
const INK: Rgb = [0x1d, 0x24, 0x33];
const MUTED: Rgb = [0x5b, 0x64, 0x74];
const ACCENT: Rgb = [0x00, 0x72, 0xb2];
const PAPER: Rgb = [0xff, 0xff, 0xff];
const WASH: Rgb = [0xf5, 0xf7, 0xfa];
const RULE: Rgb = [0xd9, 0xdd, 0xe5];

const MARGIN = 72;
const CELL_SCALE = 3;
const MAP = SIDE * CELL_SCALE;

export interface CardFonts {
	bold: TrueTypeFont;
	regular: TrueTypeFont;
}

/** Greedy word wrap: as many words per line as fit in `maxWidth`. */
export function wrapWords(
	text: string,
	maxWidth: number,
	measure: (s: string) => number
): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && measure(candidate) > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

/** The largest title size (from 76 px down) at which the title fits in two lines. */
export function fitTitle(
	text: string,
	maxWidth: number,
	measureAt: (s: string, size: number) => number
): { size: number; lines: string[] } {
	for (let size = 76; size > 40; size -= 4) {
		const lines = wrapWords(text, maxWidth, (s) => measureAt(s, size));
		if (lines.length <= 2 && lines.every((l) => measureAt(l, size) <= maxWidth)) {
			return { size, lines };
		}
	}
	return { size: 40, lines: wrapWords(text, maxWidth, (s) => measureAt(s, 40)).slice(0, 2) };
}

/** KaTeX's sans serif has no middle dot: its maths font's dot operator looks the same. */
export function printable(text: string): string {
	return text.replace(/·/g, '⋅');
}

export function drawCard(spec: CardSpec, strip: Uint8Array[], fonts: CardFonts): Canvas {
	if (strip.length !== CLASSES)
		throw new Error(`a card needs ${CLASSES} pictures, got ${strip.length}`);
	const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, PAPER);
	const width = CARD_WIDTH - 2 * MARGIN;

	// A band of the site's accent along the top, then the site's name and the kicker.
	canvas.fillRect(0, 0, CARD_WIDTH, 10, ACCENT);
	drawText(canvas, fonts.bold, 'Digit Lab', MARGIN, 88, 34, ACCENT);
	const kicker = printable(spec.kicker);
	const kickerWidth = textWidth(fonts.regular, kicker, 30);
	drawText(canvas, fonts.regular, kicker, CARD_WIDTH - MARGIN - kickerWidth, 88, 30, MUTED);

	const title = fitTitle(printable(spec.heading), width, (s, size) =>
		textWidth(fonts.bold, s, size)
	);
	const lineHeight = Math.round(title.size * 1.15);
	const firstBaseline = title.lines.length === 1 ? 230 : 200;
	title.lines.forEach((line, i) => {
		drawText(canvas, fonts.bold, line, MARGIN, firstBaseline + i * lineHeight, title.size, INK);
	});

	// Ten pictures on a washed band, each with its digit underneath.
	const bandTop = 340;
	const labelDrop = 44;
	canvas.fillRect(0, bandTop, CARD_WIDTH, CARD_HEIGHT - bandTop, WASH);
	canvas.fillRect(0, bandTop, CARD_WIDTH, 2, RULE);
	const gap = (width - CLASSES * MAP) / (CLASSES - 1);
	// The pictures and their labels sit in the middle of the band.
	const mapTop = Math.round(bandTop + (CARD_HEIGHT - bandTop - MAP - labelDrop) / 2);
	strip.forEach((cells, c) => {
		const x = Math.round(MARGIN + c * (MAP + gap));
		canvas.fillRect(x - 2, mapTop - 2, MAP + 4, MAP + 4, RULE);
		canvas.drawCells(cells, SIDE, x, mapTop, CELL_SCALE);
		const label = String(c);
		const labelX = x + (MAP - textWidth(fonts.bold, label, 30)) / 2;
		drawText(canvas, fonts.bold, label, labelX, mapTop + MAP + labelDrop, 30, MUTED);
	});
	return canvas;
}
