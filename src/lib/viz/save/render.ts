/**
 * The page side of saving a picture: reads the theme's colours, copies the computed styles of a
 * chart's SVG into it (the saved file has no stylesheet), replays a grid layout on a canvas and
 * rasterises SVG, all at SCALE times the CSS size so the pictures stay sharp on slides.
 */
import type { Layout } from './gridLayout';
import { DEFAULT_PALETTE, type Measure, type Palette } from './text';

export const SCALE = 2;

/** The page's own colours (its CSS variables) where `element` sits, so a dark page saves dark. */
export function paletteOf(element: Element): Palette {
	const style = getComputedStyle(element);
	const read = (name: keyof Palette) =>
		style.getPropertyValue(`--${name}`).trim() || DEFAULT_PALETTE[name];
	return { ink: read('ink'), muted: read('muted'), paper: read('paper'), rule: read('rule') };
}

/** The presentation properties a chart's stylesheet sets; copied onto every element. */
const STYLED = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-variant-numeric',
	'text-anchor',
	'dominant-baseline'
];

/** The chart's <svg>, serialised with every element's computed style inlined. */
export function styledSvgMarkup(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const from = [svg, ...svg.querySelectorAll('*')];
	const to = [clone, ...clone.querySelectorAll('*')];
	from.forEach((element, i) => {
		const style = getComputedStyle(element);
		const inline = STYLED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
		to[i].setAttribute('style', inline);
	});
	clone.removeAttribute('role');
	clone.removeAttribute('aria-label');
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	return new XMLSerializer().serializeToString(clone);
}

/** A measure backed by a canvas's text metrics. */
export function canvasMeasure(): Measure {
	const ctx = document.createElement('canvas').getContext('2d');
	return (text, cssFont) => {
		if (!ctx) return text.length * 7;
		ctx.font = cssFont;
		return ctx.measureText(text).width;
	};
}

function canvasFor(width: number, height: number) {
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * SCALE);
	canvas.height = Math.round(height * SCALE);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw on a canvas.');
	ctx.scale(SCALE, SCALE);
	return { canvas, ctx };
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
			'image/png'
		)
	);
}

/** Replays a grid layout; `tiles[i]` is the picture of tile i (a heatmap's canvas). */
export function drawLayout(layout: Layout, tiles: CanvasImageSource[]): Promise<Blob> {
	const { canvas, ctx } = canvasFor(layout.width, layout.height);
	for (const op of layout.ops) {
		if (op.kind === 'rect') {
			if (op.fill) {
				ctx.fillStyle = op.fill;
				ctx.fillRect(op.x, op.y, op.w, op.h);
			}
			if (op.stroke) {
				ctx.strokeStyle = op.stroke;
				ctx.lineWidth = 1;
				ctx.strokeRect(op.x, op.y, op.w, op.h);
			}
		} else if (op.kind === 'text') {
			ctx.font = op.font;
			ctx.fillStyle = op.color;
			ctx.textAlign = op.align;
			ctx.fillText(op.text, op.x, op.y);
		} else if (op.kind === 'tile') {
			// One value per source pixel: keep each a crisp square, as the page shows it.
			ctx.imageSmoothingEnabled = false;
			const tile = tiles[op.index];
			if (tile) ctx.drawImage(tile, op.x, op.y, op.w, op.h);
		} else if (op.kind === 'gradient') {
			const gradient = ctx.createLinearGradient(op.x, 0, op.x + op.w, 0);
			op.stops.forEach((color, i) => gradient.addColorStop(i / (op.stops.length - 1), color));
			ctx.fillStyle = gradient;
			ctx.fillRect(op.x, op.y, op.w, op.h);
		} else {
			ctx.strokeStyle = op.color;
			ctx.lineWidth = 1;
			ctx.beginPath();
			ctx.moveTo(op.x1, op.y1);
			ctx.lineTo(op.x2, op.y2);
			ctx.stroke();
		}
	}
	return toBlob(canvas);
}

/** Rasterises a standalone SVG document of `width` x `height` CSS pixels into a PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const { canvas, ctx } = canvasFor(width, height);
		ctx.drawImage(image, 0, 0, width, height);
		return await toBlob(canvas);
	} finally {
		URL.revokeObjectURL(url);
	}
}
