/**
 * A tiny RGB canvas for the link-preview cards: rectangles, nearest-neighbour pictures (heatmap
 * cells stay crisp squares) and anti-aliased text. Text coverage uses the signed-area
 * accumulation of font-rs: every outline edge adds its exact area to the pixels it crosses, and
 * a running sum along each row gives each pixel's ink, so edges come out smooth without
 * supersampling.
 */
import type { Point, TrueTypeFont } from './font';

export type Rgb = readonly [number, number, number];

export class Canvas {
	readonly rgb: Uint8Array;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb
	) {
		this.rgb = new Uint8Array(width * height * 3);
		this.fillRect(0, 0, width, height, background);
	}

	/** Paints `color` over pixel (x, y) with opacity `alpha` in [0, 1]; outside pixels are ignored. */
	blend(x: number, y: number, color: Rgb, alpha: number): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
		const i = (y * this.width + x) * 3;
		const a = Math.min(1, alpha);
		for (let c = 0; c < 3; c++) {
			this.rgb[i + c] = Math.round(this.rgb[i + c] * (1 - a) + color[c] * a);
		}
	}

	fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
		for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
			for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) {
				this.blend(xx, yy, color, 1);
			}
		}
	}

	/** A `size` x `size` picture of RGB cells, each drawn as a `scale` x `scale` square. */
	drawCells(cells: Uint8Array, size: number, x: number, y: number, scale: number): void {
		for (let py = 0; py < size * scale; py++) {
			for (let px = 0; px < size * scale; px++) {
				const cell = (Math.floor(py / scale) * size + Math.floor(px / scale)) * 3;
				this.blend(x + px, y + py, [cells[cell], cells[cell + 1], cells[cell + 2]], 1);
			}
		}
	}
}

/** The width of `text` in pixels at `size` pixels per em. */
export function textWidth(font: TrueTypeFont, text: string, size: number): number {
	let width = 0;
	for (const char of text) width += font.glyphFor(char).advance;
	return (width * size) / font.unitsPerEm;
}

/** Adds the exact area of one edge to the accumulation buffer (font-rs's `draw_line`). */
function accumulateLine(
	acc: Float32Array,
	stride: number,
	rows: number,
	from: [number, number],
	to: [number, number]
): void {
	if (from[1] === to[1]) return;
	const [dir, [x0, y0], [x1, y1]] = from[1] < to[1] ? [1, from, to] : [-1, to, from];
	const dxdy = (x1 - x0) / (y1 - y0);
	let x = x0 + Math.max(0, -y0) * dxdy;
	for (let y = Math.max(0, Math.floor(y0)); y < Math.min(rows, Math.ceil(y1)); y++) {
		const row = y * stride;
		const dy = Math.min(y + 1, y1) - Math.max(y, y0);
		const next = x + dxdy * dy;
		const d = dy * dir;
		const [left, right] = x < next ? [x, next] : [next, x];
		const leftCell = Math.floor(left);
		const rightCell = Math.ceil(right);
		if (rightCell <= leftCell + 1) {
			const middle = 0.5 * (x + next) - leftCell;
			acc[row + leftCell] += d - d * middle;
			acc[row + leftCell + 1] += d * middle;
		} else {
			const s = 1 / (right - left);
			const leftFrac = left - leftCell;
			const a0 = 0.5 * s * (1 - leftFrac) ** 2;
			const rightFrac = right - rightCell + 1;
			const am = 0.5 * s * rightFrac ** 2;
			acc[row + leftCell] += d * a0;
			if (rightCell === leftCell + 2) acc[row + leftCell + 1] += d * (1 - a0 - am);
			else {
				const a1 = s * (1.5 - leftFrac);
				acc[row + leftCell + 1] += d * (a1 - a0);
				for (let xi = leftCell + 2; xi < rightCell - 1; xi++) acc[row + xi] += d * s;
				const a2 = a1 + (rightCell - leftCell - 3) * s;
				acc[row + rightCell - 1] += d * (1 - a2 - am);
			}
			acc[row + rightCell] += d * am;
		}
		x = next;
	}
}

/** Walks a TrueType contour (on-curve points, quadratic control points between) as line segments. */
export function flattenContour(
	contour: Point[],
	map: (p: { x: number; y: number }) => [number, number],
	emit: (from: [number, number], to: [number, number]) => void,
	curveSteps = 8
): void {
	if (contour.length < 2) return;
	const mid = (a: Point, b: Point) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
	const firstOn = contour.findIndex((p) => p.onCurve);
	const start = firstOn >= 0 ? contour[firstOn] : mid(contour[0], contour[1]);
	const offset = firstOn >= 0 ? firstOn : 0;
	let pen = map(start);
	let control: { x: number; y: number } | null = null;
	const lineTo = (p: { x: number; y: number }) => {
		const next = map(p);
		emit(pen, next);
		pen = next;
	};
	const curveTo = (c: { x: number; y: number }, end: { x: number; y: number }) => {
		const p0 = pen;
		const [cx, cy] = map(c);
		const [ex, ey] = map(end);
		for (let i = 1; i <= curveSteps; i++) {
			const t = i / curveSteps;
			const u = 1 - t;
			const next: [number, number] = [
				u * u * p0[0] + 2 * u * t * cx + t * t * ex,
				u * u * p0[1] + 2 * u * t * cy + t * t * ey
			];
			emit(pen, next);
			pen = next;
		}
	};
	for (let k = 1; k <= contour.length; k++) {
		const p = contour[(offset + k) % contour.length];
		const target = k === contour.length ? start : p;
		if (p.onCurve || k === contour.length) {
			if (control) curveTo(control, target);
			else lineTo(target);
			control = null;
		} else if (control) {
			const between = mid(control as Point, p);
			curveTo(control, between);
			control = p;
		} else control = p;
	}
}

/**
 * Draws one line of text with its baseline at `baseline` and its left edge at `x`.
 * Characters the font lacks are drawn as its "missing" glyph; callers check `font.has`.
 */
export function drawText(
	canvas: Canvas,
	font: TrueTypeFont,
	text: string,
	x: number,
	baseline: number,
	size: number,
	color: Rgb
): void {
	const scale = size / font.unitsPerEm;
	const top = Math.floor(baseline - font.ascender * scale) - 1;
	const rows = Math.ceil(baseline - font.descender * scale) + 1 - top;
	const left = Math.floor(x);
	const stride = Math.ceil(textWidth(font, text, size) + (x - left)) + 4;
	const acc = new Float32Array(stride * rows + 2);
	let pen = x - left + 1;
	for (const char of text) {
		const glyph = font.glyphFor(char);
		const map = (p: { x: number; y: number }): [number, number] => [
			pen + p.x * scale,
			baseline - top - p.y * scale
		];
		for (const contour of glyph.contours) {
			flattenContour(contour, map, (from, to) => accumulateLine(acc, stride, rows, from, to));
		}
		pen += glyph.advance * scale;
	}
	for (let y = 0; y < rows; y++) {
		let sum = 0;
		for (let i = 0; i < stride; i++) {
			sum += acc[y * stride + i];
			canvas.blend(left + i - 1, top + y, color, Math.abs(sum));
		}
	}
}
