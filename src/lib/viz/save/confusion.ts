/**
 * Where everything goes in a saved confusion matrix: the title, the column names over the grid
 * and the row names beside it (with "true ↓ predicted →" in the corner), one square per cell in
 * the page's colours with its count, the colour key (a swatch per scale) and the caption. Pure,
 * like layoutGrid: drawLayout replays it at 2x, node tests check it.
 */
import {
	GAP,
	MIN_WIDTH,
	NAME_FONT,
	PAD,
	SMALL_FONT,
	TITLE_FONT,
	pushSmallPrint,
	textBlock,
	type DrawOp,
	type Layout
} from './gridLayout';
import { font, wrapText, type Measure, type Palette } from './text';

export interface ConfusionPicture {
	title: string;
	/** One name per class, for the rows (true) and the columns (predicted). */
	names: string[];
	/** Row-major n x n counts. */
	counts: ArrayLike<number>;
	/** A cell's fill and text colour as the page shows it; null for an empty cell (page colours). */
	colours: (row: number, col: number) => { bg: string; fg: string } | null;
	rowTitle: string;
	colTitle: string;
	/** The key: one swatch per colour scale, with its words. */
	key: { colour: string; label: string }[];
	caption?: string;
	palette: Palette;
	measure: Measure;
}

const CELL = 44;
const CELL_GAP = 2;
const HEAD = 28;
const SWATCH = 14;
const CORNER_FONT = font(10);

export function layoutConfusion(spec: ConfusionPicture): Layout {
	const { names, counts, palette, measure } = spec;
	const n = names.length;
	const gridWidth = HEAD + n * (CELL + CELL_GAP);
	const width = Math.max(MIN_WIDTH, gridWidth + 2 * PAD);
	const textWidth = width - 2 * PAD;
	const ops: DrawOp[] = [{ kind: 'rect', x: 0, y: 0, w: width, h: 0, fill: palette.paper }];
	const text = (x: number, y: number, words: string, cssFont: string, color = palette.ink) =>
		ops.push({ kind: 'text', x, y, text: words, font: cssFont, color, align: 'center' });

	const title = wrapText(spec.title, textWidth, TITLE_FONT, measure);
	const titleBlock = textBlock(title, PAD, PAD, 16, TITLE_FONT, palette.ink);
	ops.push(...titleBlock.ops);
	let y = titleBlock.bottom + GAP;

	// The corner says how to read the grid; the column names sit over their cells.
	text(PAD + HEAD / 2, y + 11, `${spec.rowTitle} ↓`, CORNER_FONT, palette.muted);
	text(PAD + HEAD / 2, y + 23, `${spec.colTitle} →`, CORNER_FONT, palette.muted);
	const cellX = (c: number) => PAD + HEAD + c * (CELL + CELL_GAP);
	names.forEach((name, c) => text(cellX(c) + CELL / 2, y + 20, name, NAME_FONT));
	y += HEAD;

	for (let r = 0; r < n; r++) {
		const top = y + r * (CELL + CELL_GAP);
		text(PAD + HEAD / 2, top + CELL / 2 + 5, names[r], NAME_FONT);
		for (let c = 0; c < n; c++) {
			const colour = spec.colours(r, c);
			const fill = colour?.bg ?? palette.paper;
			ops.push({ kind: 'rect', x: cellX(c), y: top, w: CELL, h: CELL, fill });
			if (!colour) {
				ops.push({ kind: 'rect', x: cellX(c), y: top, w: CELL, h: CELL, stroke: palette.rule });
			}
			const count = String(counts[r * n + c] ?? 0);
			const size = count.length >= 4 ? 11 : 13;
			const color = colour?.fg ?? palette.muted;
			text(cellX(c) + CELL / 2, top + CELL / 2 + size / 2 - 1, count, font(size, 600), color);
		}
	}
	y += n * (CELL + CELL_GAP) + GAP;

	for (const { colour, label } of spec.key) {
		ops.push({ kind: 'rect', x: PAD, y, w: SWATCH, h: SWATCH, fill: colour });
		const lines = wrapText(label, textWidth - SWATCH - 8, SMALL_FONT, measure);
		const block = textBlock(lines, PAD + SWATCH + 8, y, 12, SMALL_FONT, palette.ink);
		ops.push(...block.ops);
		y = Math.max(y + SWATCH, block.bottom) + 6;
	}
	y = pushSmallPrint(ops, spec.caption, y + GAP - 6, textWidth, palette, measure);
	const height = Math.ceil(y + PAD);
	ops[0] = { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: palette.paper };
	return { width, height, ops };
}
