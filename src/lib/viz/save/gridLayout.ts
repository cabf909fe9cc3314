/**
 * Where everything goes in a saved heatmap grid (ten weight maps, a gallery of digits): the
 * title on top, the pictures in rows with their names under them, the colour key with its end
 * (and zero) ticks, the caption last. Pure: it returns drawing operations in CSS pixels that
 * drawOps (in the page) replays on a canvas scaled 2x, and node tests check.
 */
import { interpolators, type Scheme } from '../paint';
import { formatSig } from '../scales';
import { font, wrapText, type Measure, type Palette } from './text';

export type DrawOp =
	| { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string }
	| {
			kind: 'text';
			x: number;
			y: number;
			text: string;
			font: string;
			color: string;
			align: 'left' | 'center';
	  }
	| { kind: 'tile'; index: number; x: number; y: number; w: number; h: number }
	| { kind: 'gradient'; x: number; y: number; w: number; h: number; stops: string[] }
	| { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string };

export interface ColorKey {
	domain: [number, number];
	scheme: Scheme;
	caption?: string;
}

export interface GridSpec {
	title: string;
	/** One entry per picture: its name under it and its pixel size (28 x 28 for MNIST). */
	tiles: { name: string; width: number; height: number }[];
	/** Displayed width of each picture in CSS pixels. */
	tileSize: number;
	perRow: number;
	key?: ColorKey;
	caption?: string;
	palette: Palette;
	measure: Measure;
}

export interface Layout {
	width: number;
	height: number;
	ops: DrawOp[];
}

export const PAD = 16;
export const GAP = 10;
const NAME_ROOM = 18;
const KEY_BAR = 12;
export const MIN_WIDTH = 320;
export const TITLE_FONT = font(16, 600);
export const NAME_FONT = font(13);
export const SMALL_FONT = font(12);

/** Ticks of a colour key, as ColorLegend draws them: both ends, and 0 when it lies inside. */
export function keyTicks([lo, hi]: [number, number]): number[] {
	return Math.min(lo, hi) < 0 && Math.max(lo, hi) > 0 ? [lo, 0, hi] : [lo, hi];
}

/** Lays out lines of text from `y` (their top); returns the ops and the y below them. */
export function textBlock(
	lines: string[],
	x: number,
	y: number,
	size: number,
	cssFont: string,
	color: string
) {
	const lineHeight = Math.round(size * 1.35);
	const ops: DrawOp[] = lines.map((text, i) => ({
		kind: 'text',
		x,
		y: y + i * lineHeight + size,
		text,
		font: cssFont,
		color,
		align: 'left'
	}));
	return { ops, bottom: y + lines.length * lineHeight };
}

/** A caption in small muted type from `top`, if there is one; returns the y below it. */
export function pushSmallPrint(
	ops: DrawOp[],
	text: string | undefined,
	top: number,
	textWidth: number,
	palette: Palette,
	measure: Measure
): number {
	if (!text) return top;
	const lines = wrapText(text, textWidth, SMALL_FONT, measure);
	const block = textBlock(lines, PAD, top, 12, SMALL_FONT, palette.muted);
	ops.push(...block.ops);
	return block.bottom;
}

export function layoutGrid(spec: GridSpec): Layout {
	const { tiles, tileSize, palette, measure } = spec;
	const columns = Math.max(1, Math.min(spec.perRow, tiles.length));
	const rows = Math.ceil(tiles.length / columns);
	const gridWidth = columns * tileSize + (columns - 1) * GAP;
	const width = Math.max(MIN_WIDTH, gridWidth + 2 * PAD);
	const textWidth = width - 2 * PAD;
	const ops: DrawOp[] = [{ kind: 'rect', x: 0, y: 0, w: width, h: 0, fill: palette.paper }];
	const smallPrint = (text: string | undefined, top: number): number =>
		pushSmallPrint(ops, text, top, textWidth, palette, measure);

	const title = textBlock(
		wrapText(spec.title, textWidth, TITLE_FONT, measure),
		PAD,
		PAD,
		16,
		TITLE_FONT,
		palette.ink
	);
	ops.push(...title.ops);
	let y = title.bottom + GAP;

	tiles.forEach((tile, i) => {
		const row = Math.floor(i / columns);
		const col = i % columns;
		const h = Math.round((tileSize * tile.height) / tile.width);
		const x = PAD + col * (tileSize + GAP);
		const top = y + row * (h + NAME_ROOM + GAP);
		ops.push({ kind: 'tile', index: i, x, y: top, w: tileSize, h });
		ops.push({
			kind: 'rect',
			x: x - 0.5,
			y: top - 0.5,
			w: tileSize + 1,
			h: h + 1,
			stroke: palette.rule
		});
		ops.push({
			kind: 'text',
			x: x + tileSize / 2,
			y: top + h + 14,
			text: tile.name,
			font: NAME_FONT,
			color: palette.ink,
			align: 'center'
		});
	});
	const tileHeight = tiles.length ? Math.round((tileSize * tiles[0].height) / tiles[0].width) : 0;
	y += rows * (tileHeight + NAME_ROOM + GAP);

	if (spec.key) {
		const { domain, scheme } = spec.key;
		const barWidth = Math.min(240, textWidth) - 2 * PAD;
		const x0 = PAD + PAD;
		const stops = Array.from({ length: 17 }, (_, i) => interpolators[scheme](i / 16));
		ops.push({ kind: 'gradient', x: x0, y, w: barWidth, h: KEY_BAR, stops });
		ops.push({ kind: 'rect', x: x0, y, w: barWidth, h: KEY_BAR, stroke: palette.rule });
		const span = domain[1] - domain[0] || 1;
		for (const tick of keyTicks(domain)) {
			const x = x0 + ((tick - domain[0]) / span) * barWidth;
			ops.push({ kind: 'line', x1: x, y1: y, x2: x, y2: y + KEY_BAR + 4, color: palette.ink });
			ops.push({
				kind: 'text',
				x,
				y: y + KEY_BAR + 17,
				text: formatSig(tick, 2),
				font: SMALL_FONT,
				color: palette.ink,
				align: 'center'
			});
		}
		y += KEY_BAR + 24;
		y = smallPrint(spec.key.caption, y) + GAP;
	}
	y = smallPrint(spec.caption, y);
	const height = Math.ceil(y + PAD);
	ops[0] = { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: palette.paper };
	return { width, height, ops };
}
